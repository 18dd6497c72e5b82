using System.Text;
using ReplicationManager.Core.Jobs.Protocol;

namespace ReplicationManager.Core.Tests.Jobs.Protocol;

/// <summary>
/// The envelope against ciphertexts made by <c>openssl aes-256-cbc -nosalt -K sha256(pw) -iv md5(pw)</c>, as the
/// scripts make them: clean PKCS#7, and replication-manager's older script padding first with 0x01 to 32 bytes.
/// </summary>
public sealed class ScriptEnvelopeTests
{
    private const string Password = "s3cret pass";

    // printf '%s' '{"server":"db2:3306","log":"line one\nline two","level":"INFO"}' | openssl aes-256-cbc -a -A -nosalt -K .. -iv ..
    private const string CleanFromOpenssl = "RhKPVnWwQdqRVFvBD/V8QrdH4sfOFPQkLlr0GW0d7rpu6IgUNgQ+xo7tPN6wMyxK111ER7Zivgac1qKVE959Ug==";

    // The older script's pad_pkcs7 before openssl, of a log with a raw tab. Its `tr ' ' '\x01'` is meant to pad with
    // 0x01, but GNU tr reads '\x01' as 'x': on Linux the filler is "xxx...". Either way it follows the closing brace.
    private const string OldStyleFromOpenssl = "RhKPVnWwQdqRVFvBD/V8QtlLWYiNISesHQ7jWfo1sTAki1ciK3ebOMzNxBb2Dmy/ZEMDiTBc0zYsJDjyq6BsGu/wVuBmRA0BvFLKPNio1gR2AlHCdPuwqvWAQYFxTR7xuZSbLJ33d65b3DFhnZKLH+vsFGioDpSkrUP/XKYCjELQiaBYuYEzDPest+pBlYX8kINyZpdn1Vn92BJiIAWS9V/awL0pblw8Xtf82Oshdtc=";

    [Fact]
    public void OpensWhatOpensslSealed()
    {
        var plaintext = ScriptEnvelope.Open(Envelope(CleanFromOpenssl), Password, out var failure);

        Assert.Null(failure);
        Assert.Equal("""{"server":"db2:3306","log":"line one\nline two","level":"INFO"}""", Encoding.UTF8.GetString(plaintext!));
    }

    [Fact]
    public void OpensTheOlderScriptsFillerAndRawTabs()
    {
        var plaintext = ScriptEnvelope.Open(Envelope(OldStyleFromOpenssl), Password, out _);
        using var json = LenientJson.ReadObject(plaintext!);

        Assert.Equal((byte)'x', plaintext![^1]);
        var log = json!.RootElement.GetProperty("log").GetString()!;
        Assert.StartsWith("[00] start\tcol2\nMySQL binlog position", log, StringComparison.Ordinal);
        Assert.Equal("db2:3306", ScriptBody.Server(json.RootElement));
    }

    [Fact]
    public void SealAndOpenRoundTripWithCleanPadding()
    {
        var sealedBody = ScriptEnvelope.Seal("""{"server":"h:1","ts":1,"nonce":"x"}""", Password);

        Assert.StartsWith("{\"data\":\"", sealedBody, StringComparison.Ordinal);
        Assert.Equal("""{"server":"h:1","ts":1,"nonce":"x"}""", Encoding.UTF8.GetString(ScriptEnvelope.Open(Encoding.UTF8.GetBytes(sealedBody), Password, out _)!));
    }

    [Theory]
    [InlineData("not json", "not the envelope")]
    [InlineData("[]", "not the envelope")]
    [InlineData("{\"other\":1}", "no \"data\"")]
    [InlineData("{\"data\":\"@@@\"}", "not base64")]
    [InlineData("{\"data\":\"AAAA\"}", "not whole AES blocks")]
    [InlineData("{\"data\":\"\"}", "not whole AES blocks")]
    public void RefusesABodyThatIsNoEnvelopeSayingWhy(string body, string reason)
    {
        Assert.Null(ScriptEnvelope.Open(Encoding.UTF8.GetBytes(body), Password, out var failure));
        Assert.Contains(reason, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherPasswordDoesNotOpenIt()
    {
        // A wrong key almost always breaks the padding; when it does not, the plaintext is noise that no reader accepts.
        var plaintext = ScriptEnvelope.Open(Envelope(CleanFromOpenssl), "another password", out var failure);

        Assert.True(plaintext is null ? failure!.Contains("does not decrypt", StringComparison.Ordinal) : LenientJson.ReadObject(plaintext) is null);
    }

    [Fact]
    public void TruncatedCiphertextIsRefused()
    {
        Assert.Null(ScriptEnvelope.Open(Envelope(CleanFromOpenssl[..40]), Password, out var failure));
        Assert.NotNull(failure);
    }

    private static byte[] Envelope(string data) => Encoding.UTF8.GetBytes($"{{\"data\":\"{data}\"}}");
}
