namespace ReplicationManager.Core.Options;

/// <summary>A titled group of keys, one section of docs/configuration.md.</summary>
public sealed record ConfigKeyGroup(string Title, IReadOnlyList<ConfigKey> Keys);
