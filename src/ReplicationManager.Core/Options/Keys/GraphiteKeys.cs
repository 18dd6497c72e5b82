using ReplicationManager.Core.Metrics.Whisper;
using ReplicationManager.Toml;
using static ReplicationManager.Core.Options.ConfigScope;

namespace ReplicationManager.Core.Options.Keys;

/// <summary>Metrics: the embedded Graphite (Carbon) store and what is sent to it.</summary>
public static class GraphiteKeys
{
    public static readonly ConfigKey<bool> Metrics = Define.Bool("graphite-metrics", false,
        "Send server metrics to Graphite.", Global);

    public static readonly ConfigKey<bool> Embedded = Define.Bool("graphite-embedded", false,
        "Run the embedded Carbon store.", Global);

    public static readonly ConfigKey<string> CarbonHost = Define.String("graphite-carbon-host", "127.0.0.1",
        "Carbon host metrics are sent to.", Global);

    public static readonly ConfigKey<int> CarbonPort = Define.Port("graphite-carbon-port", 2003,
        "Carbon plaintext receiver port (TCP and UDP).", Global);

    public static readonly ConfigKey<int> CarbonPicklePort = Define.Port("graphite-carbon-pickle-port", 2004,
        "Carbon pickle receiver port.", Global);

    public static readonly ConfigKey<int> CarbonLinkPort = Define.Port("graphite-carbon-link-port", 7002,
        "Carbon link port.", Global);

    public static readonly ConfigKey<int> CarbonPprofPort = Define.Port("graphite-carbon-pprof-port", 7007,
        "Carbon profiling port.", Global);

    public static readonly ConfigKey<int> CarbonApiPort = Define.Port("graphite-carbon-api-port", 10002,
        "Carbon render API port (also proxied under /graphite/ on the API port).", Global);

    public static readonly ConfigKey<int> CarbonServerPort = Define.Port("graphite-carbon-server-port", 10003,
        "Carbon HTTP server port.", Global);

    public static readonly ConfigKey<bool> Whitelist = Define.Bool("graphite-whitelist", true,
        "Send only the metrics matching the whitelist template.", Global);

    public static readonly ConfigKey<bool> Blacklist = Define.Bool("graphite-blacklist", false,
        "Drop the metrics matching the blacklist.", Global);

    public static readonly ConfigKey<IReadOnlyList<Retention>> Retentions = new("graphite-retention", "retention (step:duration,...)",
        Retention.ParseList("10s:6h,1m:7d,10m:1y"), "\"10s:6h,1m:7d,10m:1y\"",
        "(repman) Resolutions kept by the embedded store for each metric, finest first (units s, m, h, d, w, y); applies to new metrics.", Global, ParseRetentions);

    public static readonly ConfigKey<string> WhitelistTemplate = Define.OneOf("graphite-whitelist-template", "minimal", ["minimal", "grafana", "all"],
        "Which metrics the whitelist keeps.", Global);

    private static bool ParseRetentions(TomlValue value, out IReadOnlyList<Retention> parsed, out string? error)
    {
        parsed = [];
        if (value is not TomlString text)
        {
            error = "expected a string such as \"10s:6h,1m:7d,10m:1y\"";
            return false;
        }
        try
        {
            parsed = Retention.ParseList(text.Value);
            error = null;
            return true;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }
}
