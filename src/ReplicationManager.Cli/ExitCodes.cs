namespace ReplicationManager.Cli;

/// <summary>What the exit code of <c>replication-manager-cli</c> tells a script (docs/operations.md lists them).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran and failed: a job or switchover ended in error, a configuration file has errors.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong (unknown option, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>repman cannot be reached, or its certificate is not trusted.</summary>
    public const int Unreachable = 3;

    /// <summary>The login was refused, or the token expired and no password was given.</summary>
    public const int LoginRefused = 4;

    /// <summary>repman refused the request: a grant is missing (403) or the action cannot run now (409).</summary>
    public const int Refused = 5;

    /// <summary>No such cluster, server or route (404).</summary>
    public const int NotFound = 6;
}
