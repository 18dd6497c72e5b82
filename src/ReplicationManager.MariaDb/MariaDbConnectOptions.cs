using System.Text;

namespace ReplicationManager.MariaDb;

/// <summary>Where and how to connect. <see cref="ToString"/> never shows the password.</summary>
public sealed record MariaDbConnectOptions
{
    /// <summary>Host name or IP address of the server.</summary>
    public required string Host { get; init; }

    /// <summary>TCP port; 3306 by default (MariaDB's extra_port is usually 3307).</summary>
    public int Port { get; init; } = 3306;

    /// <summary>The account's user name.</summary>
    public required string User { get; init; }

    /// <summary>The account's password; empty for none.</summary>
    public string Password { get; init; } = "";

    /// <summary>The default database of the session, or null for none.</summary>
    public string? Database { get; init; }

    /// <summary>Bounds the whole connect: socket, TLS and authentication. <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Bounds each call: a whole ExecuteAsync, QueryAsync or PingAsync; ExecuteReaderAsync up to the first result;
    /// then each ReadAsync and NextResultAsync. <see cref="Timeout.InfiniteTimeSpan"/> waits forever.
    /// </summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Bounds the <c>KILL QUERY</c> that stops a statement a timeout or a cancellation abandoned (side connection and
    /// statement; also at most <see cref="ConnectTimeout"/> and <see cref="CommandTimeout"/>); the call's exception waits
    /// for it. <see cref="TimeSpan.Zero"/> leaves abandoned statements to the server.
    /// </summary>
    public TimeSpan StatementStopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>TLS settings; by default TLS is used when the server offers it, without verification.</summary>
    public MariaDbTlsOptions Tls { get; init; } = new();

    /// <summary>How zero dates read; as <see cref="DateTime.MinValue"/> by default.</summary>
    public MariaDbZeroDateHandling ZeroDates { get; init; } = MariaDbZeroDateHandling.MinValue;

    /// <summary>Sent as the <c>program_name</c> connection attribute (visible in performance_schema).</summary>
    public string ApplicationName { get; init; } = "repman";

    /// <summary>Ask for CLIENT_DEPRECATE_EOF when the server offers it; tests turn it off to exercise EOF packets.</summary>
    internal bool UseDeprecateEof { get; init; } = true;

    internal string Endpoint => Io.SocketConnector.FormatEndpoint(Host, Port);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Host);
        ArgumentNullException.ThrowIfNull(User);
        ArgumentNullException.ThrowIfNull(Password);
        ArgumentNullException.ThrowIfNull(Tls);
        ArgumentOutOfRangeException.ThrowIfLessThan(Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        ValidateTimeout(ConnectTimeout, nameof(ConnectTimeout));
        ValidateTimeout(CommandTimeout, nameof(CommandTimeout));
        if (StatementStopTimeout != TimeSpan.Zero)
            ValidateTimeout(StatementStopTimeout, nameof(StatementStopTimeout));
        if (Tls.ClientCertificatePath is null != Tls.ClientKeyPath is null)
            throw new ArgumentException("a TLS client certificate needs both ClientCertificatePath and ClientKeyPath", nameof(Tls));
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Host = {Host}, Port = {Port}, User = {User}, Password = {(Password.Length > 0 ? "***" : "")}, ");
        builder.Append($"Database = {Database}, ConnectTimeout = {ConnectTimeout}, CommandTimeout = {CommandTimeout}, ");
        builder.Append($"StatementStopTimeout = {StatementStopTimeout}, ");
        builder.Append($"Tls = {Tls}, ZeroDates = {ZeroDates}, ApplicationName = {ApplicationName}");
        return true;
    }

    private static void ValidateTimeout(TimeSpan timeout, string name)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
            return;
        if (timeout <= TimeSpan.Zero || timeout.TotalMilliseconds > int.MaxValue)
            throw new ArgumentOutOfRangeException(name, timeout, "a timeout must be positive, at most 24 days, or Timeout.InfiniteTimeSpan");
    }
}
