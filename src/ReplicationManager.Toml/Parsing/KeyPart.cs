namespace ReplicationManager.Toml.Parsing;

/// <summary>One part of a dotted key, decoded, with where it was written.</summary>
internal readonly record struct KeyPart(string Name, TomlPosition Position);
