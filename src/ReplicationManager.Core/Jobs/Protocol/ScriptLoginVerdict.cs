namespace ReplicationManager.Core.Jobs.Protocol;

/// <summary>Whether a secret-login is accepted, in which form, or why not (logged, never told to the caller).</summary>
public sealed record ScriptLoginVerdict(bool Accepted, ScriptLoginForm Form, string? RefusedBecause)
{
    public static ScriptLoginVerdict Accept(ScriptLoginForm form) => new(true, form, null);

    public static ScriptLoginVerdict Refuse(string reason) => new(false, default, reason);
}

/// <summary>The plaintext forms of a secret-login.</summary>
public enum ScriptLoginForm
{
    /// <summary>repman's <c>{"server","ts","nonce"}</c>: fresh and never seen before.</summary>
    ReplayProtected,

    /// <summary>replication-manager 3.1's <c>{"server","secret"}</c>: no replay protection.</summary>
    ServerAndSecret,

    /// <summary>The spec's form, the password itself: no replay protection.</summary>
    Password,
}
