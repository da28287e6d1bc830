using System.Text.Json.Nodes;
using CopilotIngest.Port.Sink;

namespace CopilotIngest.Port.Tests;

public sealed class JsonEquivalenceTests
{
    private static JsonNode? N(string json) => JsonNode.Parse(json);

    [Theory]
    [InlineData("1", "1.0")]
    [InlineData("100", "1e2")]
    [InlineData("\"2026-11-23T00:00:00Z\"", "\"2026-11-23T00:00:00.000Z\"")]
    [InlineData("\"2026-11-23T01:00:00+01:00\"", "\"2026-11-23T00:00:00Z\"")]
    [InlineData("{\"a\":null}", "{}")]
    [InlineData("{\"a\":[1,{\"b\":true}]}", "{\"a\":[1.0,{\"b\":true}]}")]
    [InlineData("null", "null")]
    public void AreEquivalent_SameValue_IsTrue(string left, string right)
    {
        Assert.True(JsonEquivalence.AreEquivalent(N(left), N(right)));
        Assert.True(JsonEquivalence.AreEquivalent(N(right), N(left)));
    }

    [Theory]
    [InlineData("1", "2")]
    [InlineData("1", "\"1\"")]
    [InlineData("\"2026-11-23\"", "\"2026-11-23T00:00:00Z\"")]
    [InlineData("\"abc\"", "\"ABC\"")]
    [InlineData("true", "false")]
    [InlineData("[1,2]", "[2,1]")]
    [InlineData("{\"a\":1}", "{\"a\":1,\"b\":2}")]
    [InlineData("{}", "[]")]
    [InlineData("0", "null")]
    public void AreEquivalent_DifferentValue_IsFalse(string left, string right)
    {
        Assert.False(JsonEquivalence.AreEquivalent(N(left), N(right)));
        Assert.False(JsonEquivalence.AreEquivalent(N(right), N(left)));
    }

    [Theory]
    [InlineData("{\"a\":1}", "{\"a\":1,\"required\":[],\"many\":false,\"d\":\"\",\"o\":{}}", true)]
    [InlineData("{\"a\":1}", "{\"a\":1,\"extra\":\"x\"}", false)]
    [InlineData("null", "{}", true)]
    [InlineData("{\"a\":1,\"r\":[]}", "{\"a\":1}", true)]
    [InlineData("{\"a\":1,\"r\":[\"x\"]}", "{\"a\":1}", false)]
    public void EquivalentIgnoringEmpty_EmptyEqualsMissingOnEitherSide(string desired, string actual, bool expected)
    {
        Assert.Equal(expected, JsonEquivalence.EquivalentIgnoringEmpty(N(desired), N(actual)));
        Assert.Equal(expected, JsonEquivalence.EquivalentIgnoringEmpty(N(actual), N(desired)));
    }
}
