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
    /// all in one round trip; one result per post, in order. A post is refused, with the reason, when its task is still
    /// pending, running or awaiting its post-job step; a row left pending longer than <paramref name="abandonedAfter"/>
    /// (by a repman that is gone) is replaced as a finished one is.
    /// </summary>
    /// <param name="receiverHost">Written into <c>server</c>: where the script sends its stream.</param>
    /// <exception cref="MariaDbException">The server refused a statement: no post stands (the rows go in one INSERT).</exception>
    public static async Task<IReadOnlyList<EnqueueResult>> EnqueueAsync(MariaDbConnection connection, IReadOnlyList<JobPost> posts, string receiverHost, TimeSpan abandonedAfter,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(posts);
        if (posts.Count == 0)
            return [];
        // Each row's payload names its post: a row that shows it afterwards is the one this batch put, any other was
        // in the way (its task busy). One INSERT puts every row or none; a busy task's row stays as it is
        // (ON DUPLICATE KEY on UNIQUE(task) leaves it unchanged). Measured on a lab server, this costs the server less
        // than half of a transaction of one INSERT ... SELECT per task, whose read of the same table makes a
        // temporary table each time.
        var batch = $"{Random.Shared.NextInt64():x}";
        var payloads = posts.Select((post, i) => (post.Owner with { Post = $"{batch}-{i}" }).ToPayload()).ToList();
        SqlStatement tasks = $"{posts[0].Task}";
        SqlStatement rows = Row(posts[0], receiverHost, payloads[0]);
        for (var i = 1; i < posts.Count; i++)
        {
            tasks = $"{tasks}, {posts[i].Task}";
            rows = $"{rows},\n  {Row(posts[i], receiverHost, payloads[i])}";
        }
        var stale = (long)abandonedAfter.TotalSeconds;
        var rowsByTask = new Dictionary<string, TaskRow>(StringComparer.OrdinalIgnoreCase);
        await using (var answer = await connection.ExecuteReaderAsync($"""
            DELETE FROM replication_manager_schema.jobs
             WHERE task IN ({tasks}) AND (state NOT IN (0, 1, 2, 3) OR (state = 0 AND start <= NOW() - INTERVAL {stale} SECOND));
            INSERT INTO replication_manager_schema.jobs (task, port, server, done, state, result, payload, start)
            VALUES {rows}
            ON DUPLICATE KEY UPDATE id = id;
            SELECT task, id, state, payload, TIMESTAMPDIFF(SECOND, start, NOW()) AS age FROM replication_manager_schema.jobs WHERE task IN ({tasks})
            """, cancellationToken))
        {
            while (await answer.ReadAsync(cancellationToken))
                rowsByTask[answer["task"].GetString()] = new TaskRow(answer["id"].GetInt64(), (JobState)answer["state"].GetInt32(),
                    answer["payload"].IsNull ? null : answer["payload"].GetString(), answer["age"].IsNull ? 0 : answer["age"].GetInt64());
            if (await answer.NextResultAsync(cancellationToken))
                throw new InvalidOperationException("the jobs table answered more than it was asked");
        }
        return posts.Select((post, i) => Outcome(post.Task, payloads[i], rowsByTask.GetValueOrDefault(post.Task))).ToList();
    }

    private static SqlStatement Row(JobPost post, string receiverHost, string payload) =>
        $"({post.Task}, {post.Port}, {receiverHost}, 0, {(int)post.Initial}, {post.Result}, {payload}, NOW())";

    /// <summary>A task's row as the answer of a post shows it; the default when the task has none.</summary>
    private readonly record struct TaskRow(long Id, JobState State, string? Payload, long Age);

    private static EnqueueResult Outcome(string task, string payload, TaskRow row)
    {
        if (row.Id == 0)
            return EnqueueResult.Refused($"task {task} could not be put in the jobs table (the row changed meanwhile); try again");
        if (row.Payload == payload)
            return EnqueueResult.Enqueued(row.Id);
        return EnqueueResult.Refused($"task {task} is already {row.State.ToString().ToLowerInvariant()} on this server (job {row.Id}, started {row.Age}s ago)");
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
