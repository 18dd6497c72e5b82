namespace ReplicationManager.Cli;

/// <summary>A failure the CLI reports as one line saying what went wrong and what to do next, with its exit code.</summary>
public sealed class CliException : Exception
{
    public CliException(int exitCode, string message, string? next = null)
        : base(message)
    {
        ExitCode = exitCode;
        Next = next;
    }

    public CliException()
        : this(ExitCodes.Failed, "failed")
    {
    }

    public CliException(string message)
        : this(ExitCodes.Failed, message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException) => ExitCode = ExitCodes.Failed;

    public int ExitCode { get; }

    /// <summary>What the operator can do about it, when the CLI knows.</summary>
    public string? Next { get; }
}
