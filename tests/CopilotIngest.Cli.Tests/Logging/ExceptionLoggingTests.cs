using System.Text.Json;
using CopilotIngest.Core.Redaction;
using CopilotIngest.Hosting;
using CopilotIngest.Logging;
using Microsoft.Extensions.Logging;

namespace CopilotIngest.Cli.Tests.Logging;

/// <summary>A logged exception keeps its inner exception for the reader, and no secret its text carries reaches the output.</summary>
public sealed class ExceptionLoggingTests
{
    private const string Secret = "s3cr3t-InTheExceptionText-0123456789";

    [Theory]
    [InlineData(false, LogLevel.Information)]
    [InlineData(false, LogLevel.Debug)]
    [InlineData(true, LogLevel.Information)]
    public void Log_ExceptionCarryingSecret_ExceptionWrittenSecretMasked(bool json, LogLevel minimumLevel)
    {
        using var writer = new StringWriter();
        using var provider = new CliLoggerProvider(writer, json ? LogFormat.Json : LogFormat.Text, minimumLevel, TimeProvider.System, SecretRedactor.For(Secret));
        var logger = provider.CreateLogger("Test");

        logger.LogError(new EventId(1), Failure(), "Writing failed");

        var output = writer.ToString();
        Assert.Contains("InvalidOperationException", output, StringComparison.Ordinal);
        Assert.Contains("the sink gave up", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_ExceptionAtDebug_InnerExceptionAndStackWritten()
    {
        using var writer = new StringWriter();
        using var provider = new CliLoggerProvider(writer, LogFormat.Text, LogLevel.Debug, TimeProvider.System, SecretRedactor.For(Secret));

        provider.CreateLogger("Test").LogError(new EventId(1), Failure(), "Writing failed");

        var output = writer.ToString();
        Assert.Contains("HttpRequestException", output, StringComparison.Ordinal);
        Assert.Contains(nameof(Failure), output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ErrorAsync_WithException_StackAndInnerExceptionWrittenSecretMasked(bool json)
    {
        using var error = new StringWriter();
        var context = new CliContext(new Dictionary<string, string?>(), ".", TextWriter.Null, error, TimeProvider.System, Interactive: false)
        {
            Redactor = SecretRedactor.For(Secret),
        };
        context.Output.Json = json;

        await CliMessages.ErrorAsync(context, LogLevel.Error, CliMessages.Events.Unexpected, "Unexpected error (InvalidOperationException): the sink gave up", Failure());

        var output = error.ToString();
        var detail = json ? JsonDocument.Parse(output).RootElement.GetProperty("exception").GetString()! : output;
        Assert.StartsWith("Unexpected error (InvalidOperationException): the sink gave up", json ? JsonDocument.Parse(output).RootElement.GetProperty("message").GetString() : output, StringComparison.Ordinal);
        Assert.Contains("HttpRequestException", detail, StringComparison.Ordinal);
        Assert.Contains(nameof(Failure), detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
    }

    private static InvalidOperationException Failure()
    {
        try
        {
            throw new InvalidOperationException($"the sink gave up (token {Secret})", new HttpRequestException($"connection reset, credential {Secret}"));
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }
}
