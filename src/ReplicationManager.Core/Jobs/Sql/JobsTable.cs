using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Jobs.Sql;

/// <summary>
/// The SQL of the jobs table (spec 6.1.2.1): create and migrate it, enqueue a task, read the rows, move a row's state.
/// Every statement is parameterized and runs on a connection whose session has <c>sql_log_bin=0</c> (DECISIONS 4),
/// which <see cref="PrepareSessionAsync"/> sets.
/// </summary>
public static class JobsTable
{
    public const string Schema = "replication_manager_schema";

    private static readonly SqlStatement CreateTable = $"""
        CREATE TABLE IF NOT EXISTS replication_manager_schema.jobs (
          id      INT          NOT NULL AUTO_INCREMENT PRIMARY KEY,
          task    VARCHAR(20),
          port    INT,
          server  VARCHAR(255),
          done    TINYINT      NOT NULL DEFAULT 0,
          state   TINYINT      NOT NULL DEFAULT 0,
          result  MEDIUMTEXT,
          payload MEDIUMTEXT,
          start   DATETIME,
          end     DATETIME,
          KEY idx1 (task, done),
          KEY idx2 (result(1), task),
          KEY idx3 (task, state),
          UNIQUE  (task)
        ) ENGINE=InnoDB
        """;

    /// <summary>Turns binary logging off for this session: job bookkeeping must never replicate.</summary>
    public static async Task PrepareSessionAsync(MariaDbConnection connection, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync($"SET SESSION sql_log_bin = 0", cancellationToken);

    /// <summary>Creates the schema and table when missing, and brings an older table to the spec's shape in place.</summary>
    public static async Task<IReadOnlyList<string>> EnsureAsync(MariaDbConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS replication_manager_schema", cancellationToken);
        await connection.ExecuteAsync(CreateTable, cancellationToken);
        return await JobsTableMigration.MigrateAsync(connection, cancellationToken);
    }

    /// <summary>
    /// Puts a row for each post's task, replacing the finished row of the same task (the table keeps one row per task),
    /// all in one round trip and one transaction; one result per post, in order. A post is refused, with the reason,
    /// when its task is still pending, running or awaiting its post-job step; a row left pending longer than
    /// <paramref name="abandonedAfter"/> (by a repman that is gone) is ended in error instead.
    /// </summary>
    /// <param name="receiverHost">Written into <c>server</c>: where the script sends its stream.</param>
    /// <exception cref="MariaDbException">The server refused a statement: no post stands (the transaction is rolled back).</exception>
    public static async Task<IReadOnlyList<EnqueueResult>> EnqueueAsync(MariaDbConnection connection, IReadOnlyList<JobPost> posts, string receiverHost, TimeSpan abandonedAfter,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(posts);
        if (posts.Count == 0)
            return [];
        var stale = (long)abandonedAfter.TotalSeconds;
        // One commit for the server's rows (one log flush where every commit flushes).
        SqlStatement batch = $"START TRANSACTION";
        foreach (var post in posts)
            batch = $"{batch};\n{Enqueue(post, receiverHost, stale)}";
        batch = $"{batch};\nCOMMIT";
        try
        {
            return await ReadAnswersAsync(connection, batch, posts, cancellationToken);
        }
        catch (MariaDbException)
        {
            // The server stopped the batch at the failing statement, before its COMMIT.
            await connection.ExecuteAsync($"ROLLBACK", cancellationToken);
            throw;
        }
    }

    private static async Task<IReadOnlyList<EnqueueResult>> ReadAnswersAsync(MariaDbConnection connection, SqlStatement batch, IReadOnlyList<JobPost> posts,
        CancellationToken cancellationToken)
    {
        var results = new List<EnqueueResult>(posts.Count);
        await using var reader = await connection.ExecuteReaderAsync(batch, cancellationToken);
        foreach (var post in posts)
        {
            if (results.Count > 0 && !await reader.NextResultAsync(cancellationToken))
                throw new InvalidOperationException($"the jobs table answered {results.Count} of {posts.Count} posts");
            if (!await reader.ReadAsync(cancellationToken))
                throw new InvalidOperationException($"the jobs table gave no answer for task {post.Task}");
            results.Add(Outcome(post.Task, reader));
        }
        // Reads up to the COMMIT's answer, which may be an error.
        if (await reader.NextResultAsync(cancellationToken))
            throw new InvalidOperationException("the jobs table answered more than it was asked");
        return results;
    }

    /// <summary>
    /// The finished (or abandoned) row of the task goes, and the new row is inserted only if no row of the task is left
    /// (the script never inserts rows, so nothing can slip in between); then one row says what happened: the insert's
    /// count and id, or the row that is in the way.
    /// </summary>
    private static SqlStatement Enqueue(JobPost post, string receiverHost, long stale) => $"""
        DELETE FROM replication_manager_schema.jobs
         WHERE task = {post.Task} AND (state NOT IN (0, 1, 2, 3) OR (state = 0 AND start <= NOW() - INTERVAL {stale} SECOND));
        INSERT INTO replication_manager_schema.jobs (task, port, server, done, state, result, payload, start)
        SELECT {post.Task}, {post.Port}, {receiverHost}, 0, {(int)post.Initial}, {post.Result}, {post.Owner.ToPayload()}, NOW() FROM DUAL
         WHERE NOT EXISTS (SELECT 1 FROM replication_manager_schema.jobs WHERE task = {post.Task});
        SELECT ROW_COUNT() AS inserted, LAST_INSERT_ID() AS inserted_id, job.id, job.state, TIMESTAMPDIFF(SECOND, job.start, NOW()) AS age
          FROM (SELECT 1) AS answer LEFT JOIN replication_manager_schema.jobs AS job ON job.task = {post.Task}
        """;

    private static EnqueueResult Outcome(string task, MariaDbDataReader answer)
    {
        if (answer["inserted"].GetInt64() > 0)
            return EnqueueResult.Enqueued(answer["inserted_id"].GetInt64());
        if (answer["id"].IsNull)
            return EnqueueResult.Refused($"task {task} could not be put in the jobs table (the row changed meanwhile); try again");
        var age = answer["age"].IsNull ? 0 : answer["age"].GetInt64();
        return EnqueueResult.Refused(
            $"task {task} is already {((JobState)answer["state"].GetInt32()).ToString().ToLowerInvariant()} on this server (job {answer["id"].GetInt64()}, started {age}s ago)");
    }

    /// <summary>
    /// Ends, with <paramref name="message"/>, every row that another repman process at the same address
    /// (<paramref name="receiverHost"/>, so never a peer repman's) drove and that cannot finish without it
    /// (<see cref="JobOwner.IsAbandonedFor"/>); returns the rows as they were.
    /// </summary>
    public static async Task<IReadOnlyList<JobRow>> EndAbandonedAsync(MariaDbConnection connection, string currentProcess, string receiverHost, string message, CancellationToken cancellationToken)
    {
        var abandoned = (await ReadAsync(connection, cancellationToken))
            .Where(row => row.Server == receiverHost && JobOwner.Parse(row.Payload)?.IsAbandonedFor(currentProcess, row.State) == true)
            .ToList();
        foreach (var row in abandoned)
            await TransitionAsync(connection, row.Id, [JobState.Pending, JobState.Processing, JobState.Halted, JobState.Finished], JobState.Error, message, cancellationToken);
        return abandoned;
    }

    /// <summary>Opens a row held back in <see cref="JobState.Halted"/> to the script, now that its receiver listens.</summary>
    public static async Task<bool> ReleaseAsync(MariaDbConnection connection, long id, int port, CancellationToken cancellationToken)
    {
        var result = await connection.ExecuteAsync(
            $"UPDATE replication_manager_schema.jobs SET port = {port}, state = 0, result = NULL WHERE id = {id} AND state = 2",
            cancellationToken);
        return result.AffectedRows > 0;
    }

    /// <summary>
    /// Drops the jobs table when no row is pending or running (states 0 to 3), for API mode (spec 6.1.8.2); the
    /// schema stays. Says whether there was a table, and returns the rows that keep it (none when it was dropped).
    /// </summary>
    public static async Task<(bool Existed, IReadOnlyList<JobRow> Busy)> DropUnlessBusyAsync(MariaDbConnection connection, CancellationToken cancellationToken)
    {
        var exists = await connection.QueryScalarAsync<long>(
            $"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'replication_manager_schema' AND TABLE_NAME = 'jobs'",
            cancellationToken);
        if (exists == 0)
            return (false, []);
        var busy = (await ReadAsync(connection, cancellationToken)).Where(row => row.State.IsActive()).ToList();
        if (busy.Count > 0)
            return (true, busy);
        await connection.ExecuteAsync($"DROP TABLE IF EXISTS replication_manager_schema.jobs", cancellationToken);
        return (true, []);
    }

    public static async Task<IReadOnlyList<JobRow>> ReadAsync(MariaDbConnection connection, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync(
            $"SELECT id, task, port, server, done, state, result, payload, UNIX_TIMESTAMP(start) AS start, UNIX_TIMESTAMP(end) AS end FROM replication_manager_schema.jobs ORDER BY id",
            cancellationToken);
        return rows.Select(row => new JobRow(
            row["id"].GetInt64(),
            row["task"].IsNull ? "" : row["task"].GetString(),
            row["port"].IsNull ? null : row["port"].GetInt32(),
            row["server"].IsNull ? null : row["server"].GetString(),
            row["done"].GetInt32() != 0,
            (JobState)row["state"].GetInt32(),
            row["result"].IsNull ? null : row["result"].GetString(),
            row["payload"].IsNull ? null : row["payload"].GetString(),
            Timestamp(row["start"]),
            Timestamp(row["end"]))).ToList();
    }

    /// <summary>
    /// Moves a row from <paramref name="from"/> to <paramref name="to"/>, appending <paramref name="message"/> to its result.
    /// Only a row still in one of the expected states changes, so repman never overwrites what the script just wrote.
    /// </summary>
    public static async Task<bool> TransitionAsync(MariaDbConnection connection, long id, IReadOnlyCollection<JobState> from, JobState to, string message, CancellationToken cancellationToken)
    {
        var done = to.IsOver() || to == JobState.Finished ? 1 : 0;
        var expected = string.Join(",", from.Select(state => (int)state));
        var result = await connection.ExecuteAsync(
            $"""
            UPDATE replication_manager_schema.jobs
               SET state = {(int)to}, done = {done}, end = IF({done} = 1, NOW(), end),
                   result = IF(result IS NULL OR result = '', {message}, CONCAT(result, '\n', {message}))
             WHERE id = {id} AND FIND_IN_SET(state, {expected}) > 0
            """,
            cancellationToken);
        return result.AffectedRows > 0;
    }

    private static DateTimeOffset? Timestamp(MariaDbValue value) =>
        value.IsNull ? null : DateTimeOffset.FromUnixTimeSeconds((long)value.GetDecimal());
}
