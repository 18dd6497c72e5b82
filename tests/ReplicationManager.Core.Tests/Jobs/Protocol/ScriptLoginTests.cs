using System.Text;
using ReplicationManager.Core.Jobs.Protocol;
using ReplicationManager.Core.Tests.Fakes;

namespace ReplicationManager.Core.Tests.Jobs.Protocol;

public sealed class ScriptLoginTests
{
    private const string Password = "db pass\"'$(x)";
    private const string Server = "10.0.0.12:3306";
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AcceptsOurFreshLoginOnceAndRefusesItsReplay()
    {
        var nonces = new NonceCache(new FakeTimeProvider(Now));
        var login = Ours(Now.ToUnixTimeSeconds(), "0123456789abcdef0123456789abcdef");

        var first = ScriptLogin.Verify(login, Password, Server, Now, nonces);
        var replay = ScriptLogin.Verify(login, Password, Server, Now.AddSeconds(5), nonces);

        Assert.Equal(ScriptLoginVerdict.Accept(ScriptLoginForm.ReplayProtected), first);
        Assert.False(replay.Accepted);
        Assert.Contains("used already", replay.RefusedBecause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-121, "off repman's clock")]
    [InlineData(121, "off repman's clock")]
    public void RefusesAStaleOrFutureTimestamp(int offset, string reason)
    {
        var verdict = ScriptLogin.Verify(Ours(Now.ToUnixTimeSeconds() + offset, "0123456789abcdef0123456789abcdef"), Password, Server, Now, new NonceCache(new FakeTimeProvider(Now)));

        Assert.Contains(reason, verdict.RefusedBecause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"server":"10.0.0.12:3306","ts":"soon","nonce":"0123456789abcdef0123456789abcdef"}""", "numeric \"ts\"")]
    [InlineData("""{"server":"10.0.0.12:3306","ts":1,"nonce":"abc"}""", "not 32 hex digits")]
    [InlineData("""{"server":"10.0.0.12:3306","nonce":"0123456789abcdef0123456789abcdef"}""", "numeric \"ts\"")]
    [InlineData("""{"server":"10.0.0.13:3306","secret":"x"}""", "not 10.0.0.12:3306")]
    [InlineData("""{"secret":"db pass"}""", "for server ''")]
    [InlineData("""{"server":"10.0.0.12:3306","secret":"wrong"}""", "not the server's password")]
    [InlineData("not the password", "neither a login object nor the server's password")]
    public void RefusesWithTheReason(string plaintext, string reason)
    {
        var text = plaintext.Replace("\"ts\":1", $"\"ts\":{Now.ToUnixTimeSeconds()}", StringComparison.Ordinal);
        var verdict = ScriptLogin.Verify(Encoding.UTF8.GetBytes(text), Password, Server, Now, new NonceCache(new FakeTimeProvider(Now)));

        Assert.False(verdict.Accepted);
        Assert.Contains(reason, verdict.RefusedBecause, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsReplicationManagersServerAndSecretForm()
    {
        var plaintext = Encoding.UTF8.GetBytes($$"""{"server":"{{Server}}","secret":"{{Password.Replace("\"", "\\\"", StringComparison.Ordinal)}}"}""" + "\u0001\u0001");

        Assert.Equal(ScriptLoginForm.ServerAndSecret, ScriptLogin.Verify(plaintext, Password, Server, Now, new NonceCache(new FakeTimeProvider(Now))).Form);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("\u0001\u0001\u0001")]
    public void AcceptsTheSpecsPlaintextPassword(string trailer)
    {
        var verdict = ScriptLogin.Verify(Encoding.UTF8.GetBytes(Password + trailer), Password, Server, Now, new NonceCache(new FakeTimeProvider(Now)));

        Assert.Equal(ScriptLoginVerdict.Accept(ScriptLoginForm.Password), verdict);
    }

    [Fact]
    public void ANonceIsForgottenOnlyAfterTenMinutes()
    {
        var time = new FakeTimeProvider(Now);
        var nonces = new NonceCache(time);

        Assert.True(nonces.TryUse("a"));
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.False(nonces.TryUse("a"));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(nonces.TryUse("a"));
    }

    private static byte[] Ours(long ts, string nonce) =>
        Encoding.UTF8.GetBytes($$"""{"server":"{{Server}}","ts":{{ts}},"nonce":"{{nonce}}"}""");
}
