using ReplicationManager.Core.Options.Keys;

namespace ReplicationManager.Core.Options;

/// <summary>Backup tools, their options, retention and the restic archive.</summary>
public sealed record BackupOptions(
    string LogicalType,
    string PhysicalType,
    bool LockDdl,
    int DumpThreads,
    int LoadThreads,
    bool DumpSystemTables,
    string MysqldumpPath,
    string MysqldumpOptions,
    string MysqlClientPath,
    string MysqlbinlogPath,
    string MydumperPath,
    string MyloaderPath,
    string MydumperOptions,
    string MyloaderOptions,
    string SaveScript,
    string LoadScript,
    bool Compress,
    bool KeepUntilValid,
    BackupRetention Retention,
    ResticOptions Restic,
    bool Binlogs,
    int BinlogsKeep,
    bool VerifyPhysical,
    RestoreCheckOptions RestoreCheck)
{
    internal static BackupOptions From(ConfigSection section) => new(
        section.Get(BackupKeys.LogicalType),
        section.Get(BackupKeys.PhysicalType),
        section.Get(BackupKeys.LockDdl),
        section.Get(BackupKeys.LogicalDumpThreads),
        section.Get(BackupKeys.LogicalLoadThreads),
        section.Get(BackupKeys.DumpSystemTables),
        section.Get(BackupKeys.MysqldumpPath),
        section.Get(BackupKeys.MysqldumpOptions),
        section.Get(BackupKeys.MysqlClientPath),
        section.Get(BackupKeys.MysqlbinlogPath),
        section.Get(BackupKeys.MydumperPath),
        section.Get(BackupKeys.MyloaderPath),
        section.Get(BackupKeys.MydumperOptions),
        section.Get(BackupKeys.MyloaderOptions),
        section.Get(BackupKeys.SaveScript),
        section.Get(BackupKeys.LoadScript),
        section.Get(BackupKeys.Compress),
        section.Get(BackupKeys.KeepUntilValid),
        new BackupRetention(
            section.Get(BackupKeys.KeepHourly),
            section.Get(BackupKeys.KeepDaily),
            section.Get(BackupKeys.KeepWeekly),
            section.Get(BackupKeys.KeepMonthly),
            section.Get(BackupKeys.KeepYearly)),
        new ResticOptions(
            section.Get(BackupKeys.Restic),
            section.Get(BackupKeys.ResticBinaryPath),
            section.Get(BackupKeys.ResticRepository),
            section.Get(BackupKeys.ResticPassword),
            section.Get(BackupKeys.ResticAws),
            section.Get(BackupKeys.ResticAwsAccessKeyId),
            section.Get(BackupKeys.ResticAwsAccessSecret)),
        section.Get(BackupKeys.Binlogs),
        section.Get(BackupKeys.BinlogsKeep),
        section.Get(BackupKeys.VerifyPhysical),
        new RestoreCheckOptions(section.Get(BackupKeys.RestoreCheckAddress), section.Get(BackupKeys.RestoreCheckPort), section.Get(BackupKeys.RestoreCheckMariadbdPath)));
}

/// <summary>Where a restore check's scratch server runs (backup-restore-check-*).</summary>
public sealed record RestoreCheckOptions(string Address, int Port, string MariadbdPath);

/// <summary>How many backups of each age are kept (backup-keep-*).</summary>
public sealed record BackupRetention(int Hourly, int Daily, int Weekly, int Monthly, int Yearly);

/// <summary>The restic archive of backups.</summary>
public sealed record ResticOptions(bool Enabled, string BinaryPath, string Repository, string Password, bool Aws, string AwsAccessKeyId, string AwsAccessSecret)
{
    public override string ToString() => $"ResticOptions {{ Enabled = {Enabled}, Repository = {Repository}, Password = **** }}";
}
