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
    /// Puts a row for <paramref name="task"/>, replacing the finished row of the same task (the table keeps one row per
    /// task). Refused, with the reason, when that task is still pending, running or awaiting its post-job step; a row
    /// left pending longer than <paramref name="abandonedAfter"/> (by a repman that is gone) is ended in error instead.
    /// </summary>
    /// <param name="initialState">
    /// <see cref="JobState.Pending"/> for the script to pick up now; <see cref="JobState.Halted"/> to hold the row back
    /// while repman prepares (a receiver port), or <see cref="JobState.Processing"/> for a job repman runs itself.
    /// </param>
    /// <param name="owner">Written into <c>payload</c>: which repman process drives the row.</param>
    public static async Task<EnqueueResult> EnqueueAsync(MariaDbConnection connection, string task, string receiverHost, int port, JobState initialState, string? result, JobOwner owner, TimeSpan abandonedAfter, CancellationToken cancellationToken)
    {
        // One round trip: the finished (or abandoned) row of the task goes, and the new row is inserted only if no
        // row of the task is left; the script never inserts rows, so nothing can slip in between.
        var stale = (long)abandonedAfter.TotalSeconds;
        var inserted = await connection.ExecuteAsync(
            $"""
            DELETE FROM replication_manager_schema.jobs
             WHERE task = {task} AND (state NOT IN (0, 1, 2, 3) OR (state = 0 AND start <= NOW() - INTERVAL {stale} SECOND));
            INSERT INTO replication_manager_schema.jobs (task, port, server, done, state, result, payload, start)
            SELECT {task}, {port}, {receiverHost}, 0, {(int)initialState}, {result}, {owner.ToPayload()}, NOW() FROM DUAL
             WHERE NOT EXISTS (SELECT 1 FROM replication_manager_schema.jobs WHERE task = {task})
            """,
            cancellationToken);
        if (inserted.LastInsertId != 0)
            return EnqueueResult.Enqueued((long)inserted.LastInsertId);
        var existing = await connection.QueryAsync(
            $"SELECT id, state, TIMESTAMPDIFF(SECOND, start, NOW()) AS age FROM replication_manager_schema.jobs WHERE task = {task} ORDER BY id DESC LIMIT 1",
            cancellationToken);
        if (existing.Count == 0)
            return EnqueueResult.Refused($"task {task} could not be put in the jobs table (the row changed meanwhile); try again");
        var row = existing[0];
        var age = row["age"].IsNull ? 0 : row["age"].GetInt64();
        return EnqueueResult.Refused(
            $"task {task} is already {((JobState)row["state"].GetInt32()).ToString().ToLowerInvariant()} on this server (job {row["id"].GetInt64()}, started {age}s ago)");
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
