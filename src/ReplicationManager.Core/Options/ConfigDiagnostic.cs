namespace ReplicationManager.Core.Options;

/// <summary>One finding about the configuration, located at file, line and key.</summary>
public sealed record ConfigDiagnostic(ConfigSeverity Severity, ConfigOrigin Origin, string? Key, string Message)
{
    public override string ToString() => Key is null ? $"{Origin}: {Message}" : $"{Origin}: {Key}: {Message}";
}
