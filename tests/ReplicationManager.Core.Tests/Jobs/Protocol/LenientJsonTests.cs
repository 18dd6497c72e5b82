using System.Text;
using ReplicationManager.Core.Jobs.Protocol;

namespace ReplicationManager.Core.Tests.Jobs.Protocol;

public sealed class LenientJsonTests
{
    [Theory]
    [InlineData("{\"a\":\"b\"}\u0001\u0001\u0001", "b")]
    [InlineData("  {\"a\":\"b\"}\n", "b")]
    [InlineData("{\"a\":\"x}y{\"}garbage", "x}y{")]
    [InlineData("{\"a\":\"tab\there\"}", "tab\there")]
    [InlineData("{\"a\":\"quote \\\" brace }\"}", "quote \" brace }")]
    [InlineData("{\"n\":{\"m\":[1,{}]},\"a\":\"z\"}\u0001", "z")]
    public void ReadsTheObjectUpToItsMatchingBrace(string plaintext, string a)
    {
        using var json = LenientJson.ReadObject(Encoding.UTF8.GetBytes(plaintext));

        Assert.Equal(a, json!.RootElement.GetProperty("a").GetString());
    }

    [Theory]
    [InlineData("the password")]
    [InlineData("")]
    [InlineData("{\"a\":")]
    [InlineData("{\"a\" 1}")]
    [InlineData("[1,2]")]
    public void AnythingElseIsNoObject(string plaintext) =>
        Assert.Null(LenientJson.ReadObject(Encoding.UTF8.GetBytes(plaintext)));
}
