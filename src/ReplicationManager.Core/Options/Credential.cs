namespace ReplicationManager.Core.Options;

/// <summary>A <c>user:password</c> pair. Its text form never shows the password.</summary>
public sealed record Credential(string User, string Password)
{
    public static Credential Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new Credential(text, "") : new Credential(text[..colon], text[(colon + 1)..]);
    }

    public bool HasPassword => Password.Length > 0;

    public override string ToString() => HasPassword ? $"{User}:****" : User;
}
