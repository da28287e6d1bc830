using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CopilotIngest.Port.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CopilotIngest.Port.Tests;

public sealed class PortOptionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddPortApi(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Validate_NothingSet_ReportsIdAndSecret()
    {
        using var services = Build([]);

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(2, ex.Failures.Count());
        Assert.Contains(ex.Failures, f => f.StartsWith("PORT_CLIENT_ID is required", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("PORT_CLIENT_SECRET is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryProblemNamingTheVariable()
    {
        using var services = Build(new()
        {
            ["PORT_BASE_URL"] = "http://port.example.com",
            ["PORT_MAX_CONCURRENCY"] = "many",
            ["EXTRA_CA_CERT"] = "/nonexistent/ca.pem",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PortOptions>>().Value);

        var failures = ex.Failures.ToList();
        Assert.Equal(5, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("PORT_CLIENT_ID", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("PORT_CLIENT_SECRET", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("PORT_BASE_URL must use https://", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("PORT_MAX_CONCURRENCY must be a whole number from 1 to 32", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("EXTRA_CA_CERT", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://api.getport.io/v1", "without /v1")]
    [InlineData("not a url", "absolute http(s) URL")]
    [InlineData("ftp://api.getport.io", "absolute http(s) URL")]
    public void Validate_BadBaseUrl_ExplainsTheFix(string url, string expected)
    {
        using var services = Build(new() { ["PORT_CLIENT_ID"] = "id", ["PORT_CLIENT_SECRET"] = "secret", ["PORT_BASE_URL"] = url });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PortOptions>>().Value);

        var failure = Assert.Single(ex.Failures);
        Assert.StartsWith("PORT_BASE_URL", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("33")]
    [InlineData("-1")]
    public void Validate_ConcurrencyOutOfRange_IsReported(string value)
    {
        using var services = Build(new() { ["PORT_CLIENT_ID"] = "id", ["PORT_CLIENT_SECRET"] = "secret", ["PORT_MAX_CONCURRENCY"] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PortOptions>>().Value);

        Assert.StartsWith("PORT_MAX_CONCURRENCY", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MinimalSettings_UsesDefaults()
    {
        using var services = Build(new() { ["PORT_CLIENT_ID"] = "id", ["PORT_CLIENT_SECRET"] = "secret" });

        var options = services.GetRequiredService<IOptions<PortOptions>>().Value;

        Assert.Equal("https://api.getport.io", options.BaseUrl);
        Assert.Equal(4, options.MaxConcurrency);
        Assert.Equal(TimeSpan.FromMinutes(5), options.TokenRefreshMargin);
    }

    [Fact]
    public void Validate_LoopbackHttpAndConcurrency_AreAccepted()
    {
        using var services = Build(new()
        {
            ["PORT_CLIENT_ID"] = "id",
            ["PORT_CLIENT_SECRET"] = "secret",
            ["PORT_BASE_URL"] = "http://127.0.0.1:5123",
            ["PORT_MAX_CONCURRENCY"] = "8",
        });

        var options = services.GetRequiredService<IOptions<PortOptions>>().Value;

        Assert.Equal("http://127.0.0.1:5123", options.BaseUrl);
        Assert.Equal(8, options.MaxConcurrency);
    }

    [Fact]
    public void Validate_SecretNeverInFailures()
    {
        using var services = Build(new() { ["PORT_CLIENT_SECRET"] = "super-secret-value", ["PORT_BASE_URL"] = "http://example.com" });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PortOptions>>().Value);

        Assert.DoesNotContain("super-secret-value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPortApi_ExtraCaCertificate_IsLoadedAndCallsStillWork()
    {
        var pem = Path.Combine(Path.GetTempPath(), $"port-ca-{Guid.NewGuid():N}.pem");
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=test-ca", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
            await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem(), Ct);
        }

        try
        {
            await using var port = await FakePort.StartAsync((context, _) => Respond.Json(context, 200, """{"ok":true,"blueprint":{"identifier":"bp"}}"""));
            await using var services = PortServices.Create(port.BaseAddress, settings: new Dictionary<string, string?> { ["EXTRA_CA_CERT"] = pem });
            services.GetRequiredService<IStartupValidator>().Validate();

            var blueprint = await services.GetRequiredService<PortClient>().GetBlueprintAsync("bp", Ct);

            Assert.NotNull(blueprint);
        }
        finally
        {
            File.Delete(pem);
        }
    }

    [Fact]
    public void Validate_ExtraCaCertificateNotPem_IsReported()
    {
        var file = Path.Combine(Path.GetTempPath(), $"port-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(file, "this is not a certificate");
        try
        {
            using var services = Build(new() { ["PORT_CLIENT_ID"] = "id", ["PORT_CLIENT_SECRET"] = "secret", ["EXTRA_CA_CERT"] = file });

            var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PortOptions>>().Value);

            Assert.StartsWith("EXTRA_CA_CERT", Assert.Single(ex.Failures), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
