namespace ReplicationManager.Core.Options;

/// <summary>The options repman runs with, the files they came from and the findings worth telling the operator.</summary>
public sealed record LoadedConfiguration(RepmanOptions Options, IReadOnlyList<ConfigDiagnostic> Diagnostics, IReadOnlyList<string> Files);
