namespace ReplicationManager.Core.Options;

/// <summary>The configuration cannot be used; every error found is listed, each with file, line and key.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(IReadOnlyList<ConfigDiagnostic> errors)
        : base(Describe(errors)) => Errors = errors;

    public ConfigurationException()
        : this([])
    {
    }

    public ConfigurationException(string message)
        : base(message) => Errors = [];

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    public IReadOnlyList<ConfigDiagnostic> Errors { get; }

    private static string Describe(IReadOnlyList<ConfigDiagnostic> errors) =>
        errors.Count == 1
            ? $"configuration error: {errors[0]}"
            : $"{errors.Count} configuration errors:{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(error => "  " + error));
}
