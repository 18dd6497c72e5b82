namespace ReplicationManager.Server.Api.Auth;

/// <summary>The HMAC key that signs API tokens. Its text form never shows the bytes.</summary>
internal sealed class SigningKey(byte[] bytes)
{
    public const int Length = 64;

    public byte[] Bytes { get; } = bytes.Length >= 32 ? bytes : throw new ArgumentException("a signing key needs at least 32 bytes", nameof(bytes));

    public override string ToString() => $"signing key ({Bytes.Length} bytes)";
}
