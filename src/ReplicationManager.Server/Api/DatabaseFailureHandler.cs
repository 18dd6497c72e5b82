using Microsoft.AspNetCore.Diagnostics;
using ReplicationManager.MariaDb;

namespace ReplicationManager.Server.Api;

/// <summary>
/// A request that needed a database server which is down, refuses repman, or is busy gets a 409 problem naming the
/// server's own error, not a 500: repman works, the database does not, and a 5xx would page whoever watches repman.
/// What remains a 500 is what only a repman bug causes (a statement the server cannot parse, a missing table).
/// </summary>
internal sealed partial class DatabaseFailureHandler(IProblemDetailsService problems, ILogger<DatabaseFailureHandler> logger) : IExceptionHandler
{
    private static readonly HashSet<int> StateOfTheServer =
    [
        MariaDbErrorCodes.TooManyConnections, MariaDbErrorCodes.DatabaseAccessDenied, MariaDbErrorCodes.AccessDenied,
        MariaDbErrorCodes.ServerShutdown, MariaDbErrorCodes.HostIsBlocked, MariaDbErrorCodes.HostNotPrivileged,
        MariaDbErrorCodes.LockWaitTimeout, MariaDbErrorCodes.Deadlock, MariaDbErrorCodes.SpecificAccessDenied,
        MariaDbErrorCodes.OptionPreventsStatement, MariaDbErrorCodes.QueryInterrupted, MariaDbErrorCodes.ConnectionKilled,
        MariaDbErrorCodes.StatementTimeout,
    ];

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not MariaDbException database || !IsStateOfTheServer(database))
            return false;
        var request = httpContext.Request;
        DatabaseUnavailable(logger, request.Method, request.Path, database.Message);
        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Database unavailable",
                Detail = $"{request.Method} {request.Path} needed a database server that failed: {database.Message}",
            },
        });
    }

    public static bool IsStateOfTheServer(MariaDbException exception) =>
        exception is MariaDbConnectionException or MariaDbTimeoutException || StateOfTheServer.Contains(exception.ErrorCode);

    [LoggerMessage(EventId = 5040, Level = LogLevel.Warning, Message = "API request {Method} {Path} refused: a database server failed: {Reason}")]
    private static partial void DatabaseUnavailable(ILogger logger, string method, string path, string reason);
}
