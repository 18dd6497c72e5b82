using ReplicationManager.MariaDb;
using ReplicationManager.Server.Api;

namespace ReplicationManager.Server.Tests.Api;

/// <summary>Which database failures are the server's state (a 409 naming it) and which only a repman bug causes (a 500).</summary>
public sealed class DatabaseFailureHandlerTests
{
    public static TheoryData<string, int, bool> Failures() => new()
    {
        { "connection refused", 0, true },
        { "timeout", 0, true },
        { "too many connections", MariaDbErrorCodes.TooManyConnections, true },
        { "access denied", MariaDbErrorCodes.AccessDenied, true },
        { "read only", MariaDbErrorCodes.OptionPreventsStatement, true },
        { "lock wait timeout", MariaDbErrorCodes.LockWaitTimeout, true },
        { "killed", MariaDbErrorCodes.ConnectionKilled, true },
        { "parse error", MariaDbErrorCodes.ParseError, false },
        { "no such table", MariaDbErrorCodes.NoSuchTable, false },
        { "duplicate entry", MariaDbErrorCodes.DuplicateEntry, false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void TheServersStateIsA409AndARepmanBugStaysA500(string failure, int code, bool stateOfTheServer)
    {
        MariaDbException exception = failure switch
        {
            "connection refused" => new MariaDbConnectionException("connect to 127.0.0.251:3306 failed: Connection refused"),
            "timeout" => new MariaDbTimeoutException("query timed out"),
            _ => new MariaDbException(failure, code, "HY000"),
        };

        Assert.Equal(stateOfTheServer, DatabaseFailureHandler.IsStateOfTheServer(exception));
    }
}
