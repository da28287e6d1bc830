using System.Text;
using CopilotIngest.LocalPort.Tests.Support;

namespace CopilotIngest.LocalPort.Tests;

public sealed class RequestShapeTests
{
    public static TheoryData<string, string> WriteRoutes => new()
    {
        { "POST", "/v1/blueprints" },
        { "PUT", "/v1/blueprints/seats" },
        { "PATCH", "/v1/blueprints/seats" },
        { "POST", "/v1/blueprints/seats/entities?upsert=true" },
        { "PUT", "/v1/blueprints/seats/entities/a" },
        { "PATCH", "/v1/blueprints/seats/entities/a" },
        { "POST", "/v1/blueprints/seats/entities/bulk?upsert=true" },
        { "POST", "/v1/blueprints/seats/bulk/entities/delete" },
        { "POST", "/v1/blueprints/seats/entities/search" },
        { "POST", "/v1/entities/search" },
        { "POST", "/v1/pages" },
        { "PUT", "/v1/pages/p" },
        { "POST", "/v1/blueprints/seats/scorecards" },
        { "PUT", "/v1/blueprints/seats/scorecards" },
        { "PUT", "/v1/blueprints/seats/scorecards/s" },
        { "POST", "/v1/auth/access_token" },
    };

    [Theory]
    [MemberData(nameof(WriteRoutes))]
    public async Task AnyWriteRoute_MalformedJson_Returns400BadRequest(string method, string path)
    {
        await using var port = await StartAsync();

        var (status, body) = await port.CallAsync(new HttpMethod(method), path, """{"identifier": "a", "title": """);

        PortAssert.Error(400, "bad_request", status, body, "not valid JSON");
    }

    [Theory]
    [MemberData(nameof(WriteRoutes))]
    public async Task AnyWriteRoute_EmptyBody_Returns400BadRequest(string method, string path)
    {
        await using var port = await StartAsync();

        var (status, body) = await port.CallAsync(new HttpMethod(method), path, string.Empty);

        PortAssert.Error(400, "bad_request", status, body, "cannot be empty");
    }

    [Theory]
    [MemberData(nameof(WriteRoutes))]
    public async Task AnyWriteRoute_WrongContentType_Returns400BadRequest(string method, string path)
    {
        await using var port = await StartAsync();

        using var response = await port.SendAsync(new HttpMethod(method), path, """{"identifier":"a"}""", contentType: "text/plain");

        PortAssert.Error(400, "bad_request", (int)response.StatusCode, await TestPort.ReadAsync(response), "text/plain");
    }

    [Theory]
    [InlineData("POST", "/v1/blueprints", "[1,2]")]
    [InlineData("POST", "/v1/blueprints/seats/entities", "\"text\"")]
    [InlineData("POST", "/v1/blueprints/seats/entities/bulk", "null")]
    [InlineData("POST", "/v1/blueprints/seats/entities/search", "42")]
    [InlineData("POST", "/v1/pages", "[]")]
    [InlineData("PUT", "/v1/blueprints/seats/scorecards", "{}")]
    public async Task WriteRoute_JsonOfWrongKind_Returns422(string method, string path, string json)
    {
        await using var port = await StartAsync();

        var (status, body) = await port.CallAsync(new HttpMethod(method), path, json);

        PortAssert.Error(422, "bad_request", status, body);
    }

    [Fact]
    public async Task Request_DeeplyNestedJson_Returns400NotA500()
    {
        await using var port = await StartAsync();
        var json = "{\"identifier\":\"a\",\"properties\":{\"breakdown\":" + string.Concat(Enumerable.Repeat("[", 500)) + string.Concat(Enumerable.Repeat("]", 500)) + "}}";

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities", json);

        PortAssert.Error(400, "bad_request", status, body);
    }

    [Theory]
    [InlineData("/v1/blueprints/seats/entities", """{"identifier":"a","identifier":"b","properties":{"total":1}}""")]
    [InlineData("/v1/blueprints/seats/entities", """{"identifier":"a","properties":{"total":1,"total":2}}""")]
    [InlineData("/v1/blueprints/seats/entities/search", """{"query":{"combinator":"and","rules":[{"property":"x","property":"y","operator":"=","value":1}]}}""")]
    public async Task Request_DuplicateJsonProperty_Returns400NotA500(string path, string json)
    {
        await using var port = await StartAsync();

        var (status, body) = await port.CallAsync(HttpMethod.Post, path, json);

        PortAssert.Error(400, "bad_request", status, body, "Duplicate property");
    }

    [Fact]
    public async Task Request_InvalidUtf8_Returns400()
    {
        await using var port = await StartAsync();
        using var content = new ByteArrayContent([.. "{\"identifier\":\""u8.ToArray(), 0xC3, 0x28, .. "\"}"u8.ToArray()]);
        content.Headers.ContentType = new("application/json");

        using var response = await port.Client.PostAsync("v1/blueprints/seats/entities", content, TestPort.Ct);

        PortAssert.Error(400, "bad_request", (int)response.StatusCode, await TestPort.ReadAsync(response));
    }

    [Fact]
    public async Task Request_BadQueryFlag_Returns422()
    {
        await using var port = await StartAsync();

        var (status, body) = await port.CallAsync(HttpMethod.Post, "/v1/blueprints/seats/entities?upsert=yes", Samples.Seat("a"));

        PortAssert.Error(422, "bad_request", status, body, "querystring/upsert");
    }

    [Fact]
    public async Task Request_UnknownRoute_Returns404InPortShape()
    {
        await using var port = await StartAsync();

        var (status, body) = await port.CallAsync(HttpMethod.Get, "/v1/nothing-here");

        PortAssert.Error(404, "not_found", status, body, "/v1/nothing-here");
    }

    [Fact]
    public async Task Request_WrongMethod_Returns405InPortShape()
    {
        await using var port = await StartAsync();

        var (status, body) = await port.CallAsync(HttpMethod.Delete, "/v1/blueprints");

        PortAssert.Error(405, "method_not_allowed", status, body);
    }

    [Fact]
    public async Task Response_AnyAnswer_IsUtf8JsonWithTraceId()
    {
        await using var port = await StartAsync();

        using var response = await port.SendAsync(HttpMethod.Get, "/v1/blueprints/seats");
        using var error = await port.SendAsync(HttpMethod.Get, "/v1/blueprints/ghost");

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Encoding.UTF8.WebName, response.Content.Headers.ContentType.CharSet);
        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("X-Trace-Id").Single());
        Assert.NotEqual(response.Headers.GetValues("X-Trace-Id").Single(), error.Headers.GetValues("X-Trace-Id").Single());
    }

    private static async Task<TestPort> StartAsync()
    {
        var port = await TestPort.StartAsync();
        await port.CreateBlueprintAsync(Samples.SeatsBlueprint);
        return port;
    }
}
