namespace ReplicationManager.Core.Options.Keys;

/// <summary>Backups: tools, options, retention and the restic archive.</summary>
public static class BackupKeys
{
    public static readonly ConfigKey<string> LogicalType = Define.OneOf("backup-logical-type", "mysqldump", ["mysqldump", "mydumper", "river", "dumpling"],
        "Tool of logical backups. repman runs mysqldump (mariadb-dump) and mydumper; river and dumpling are not supported.");

    public static readonly ConfigKey<string> PhysicalType = Define.OneOf("backup-physical-type", "xtrabackup", ["xtrabackup", "mariabackup"],
        "Tool of physical backups; mariabackup is used on MariaDB whatever this says.");

    public static readonly ConfigKey<bool> LockDdl = Define.Bool("backup-lockddl", true,
        "Block DDL during a backup with BACKUP STAGE (MariaDB 10.4 and later).");

    public static readonly ConfigKey<int> LogicalDumpThreads = Define.Int("backup-logical-dump-threads", 2, 1, 256,
        "Threads of a mydumper backup.");

    public static readonly ConfigKey<int> LogicalLoadThreads = Define.Int("backup-logical-load-threads", 2, 1, 256,
        "Threads of a myloader restore.");

    public static readonly ConfigKey<bool> DumpSystemTables = Define.Bool("backup-logical-dump-system-tables", false,
        "Include the mysql schema in logical backups.");

    public static readonly ConfigKey<string> MysqldumpPath = Define.Path("backup-mysqldump-path", "",
        "mysqldump binary; mariadb-dump or mysqldump from PATH when empty.");

    public static readonly ConfigKey<string> MysqldumpOptions = Define.String("backup-mysqldump-options",
        "--hex-blob --single-transaction --verbose --all-databases --routines=true --triggers=true --system=all",
        "Options of mysqldump backups; repman adds connection, GTID and binlog-position options.");

    public static readonly ConfigKey<string> MysqlClientPath = Define.Path("backup-mysqlclient-path", "",
        "mysql client binary used for restores; mariadb or mysql from PATH when empty.");

    public static readonly ConfigKey<string> MysqlbinlogPath = Define.Path("backup-mysqlbinlog-path", "",
        "mysqlbinlog binary; mariadb-binlog or mysqlbinlog from PATH when empty.");

    public static readonly ConfigKey<string> MydumperPath = Define.Path("backup-mydumper-path", "/usr/bin/mydumper",
        "mydumper binary.");

    public static readonly ConfigKey<string> MyloaderPath = Define.Path("backup-myloader-path", "/usr/bin/myloader",
        "myloader binary.");

    public static readonly ConfigKey<string> MydumperOptions = Define.String("backup-mydumper-options",
        "--chunk-filesize=1000 --compress --less-locking --verbose=3 --triggers --routines --events --trx-consistency-only --kill-long-queries",
        "Options of mydumper backups; repman adds connection, output and thread options.");

    public static readonly ConfigKey<string> MyloaderOptions = Define.String("backup-myloader-options", "--overwrite-tables --verbose=3",
        "Options of myloader restores.");

    public static readonly ConfigKey<string> SaveScript = Define.Path("backup-save-script", "",
        "Script that takes a logical backup instead of the built-in tools.");

    public static readonly ConfigKey<string> LoadScript = Define.Path("backup-load-script", "",
        "Script that restores a logical backup instead of the built-in tools.");

    public static readonly ConfigKey<bool> Compress = Define.Bool("compress-backups", false,
        "Compress received physical backup streams with gzip.");

    public static readonly ConfigKey<bool> VerifyPhysical = Define.Bool("backup-physical-verify", true,
        "(repman) A received physical backup is listed only once extracted (mbstream) and prepared (mariabackup) on the repman host; its GTID is read there.");

    public static readonly ConfigKey<bool> KeepUntilValid = Define.Bool("backup-keep-until-valid", false,
        "Keep the previous backup until the new one is complete and valid.");

    public static readonly ConfigKey<int> KeepHourly = Define.Int("backup-keep-hourly", 1, 0, 10000, "Hourly backups kept.");

    public static readonly ConfigKey<int> KeepDaily = Define.Int("backup-keep-daily", 1, 0, 10000, "Daily backups kept.");

    public static readonly ConfigKey<int> KeepWeekly = Define.Int("backup-keep-weekly", 4, 0, 10000, "Weekly backups kept.");

    public static readonly ConfigKey<int> KeepMonthly = Define.Int("backup-keep-monthly", 12, 0, 10000, "Monthly backups kept.");

    public static readonly ConfigKey<int> KeepYearly = Define.Int("backup-keep-yearly", 2, 0, 10000, "Yearly backups kept.");

    public static readonly ConfigKey<bool> Restic = Define.Bool("backup-restic", false,
        "Archive every backup into a restic repository.");

    public static readonly ConfigKey<string> ResticBinaryPath = Define.Path("backup-restic-binary-path", "/usr/bin/restic",
        "restic binary.");

    public static readonly ConfigKey<string> ResticRepository = Define.String("backup-restic-repository", "",
        "restic repository; {datadir}/Backups/archive/{cluster} when empty.");

    public static readonly ConfigKey<string> ResticPassword = Define.Secret("backup-restic-password", "",
        "Password of the restic repository; required when backup-restic is on.");

    public static readonly ConfigKey<bool> ResticAws = Define.Bool("backup-restic-aws", false,
        "The restic repository is on S3 (uses the access key below).");

    public static readonly ConfigKey<string> ResticAwsAccessKeyId = Define.String("backup-restic-aws-access-key-id", "",
        "S3 access key id of the restic repository.");

    public static readonly ConfigKey<string> ResticAwsAccessSecret = Define.Secret("backup-restic-aws-access-secret", "",
        "S3 secret key of the restic repository.");

    public static readonly ConfigKey<bool> Binlogs = Define.Bool("backup-binlogs", false,
        "Archive the primary's binary logs.");

    public static readonly ConfigKey<int> BinlogsKeep = Define.Int("backup-binlogs-keep", 10, 0, 100000,
        "Archived binary logs kept.");

    public static readonly ConfigKey<string> RestoreCheckAddress = Define.String("backup-restore-check-address", "127.0.0.1",
        "Loopback address the scratch server of a restore check listens on (repman).");

    public static readonly ConfigKey<int> RestoreCheckPort = Define.Int("backup-restore-check-port", 3399, 1, 65535,
        "Port of the scratch server of a restore check (repman).");

    public static readonly ConfigKey<string> RestoreCheckMariadbdPath = Define.Path("backup-restore-check-mariadbd-path", "/usr/sbin/mariadbd",
        "The mariadbd a restore check starts its scratch server with (repman).");
}
