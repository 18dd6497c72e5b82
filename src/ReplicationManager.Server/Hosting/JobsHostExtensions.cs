using ReplicationManager.Core.Jobs;
using ReplicationManager.Core.Jobs.Local;

namespace ReplicationManager.Server.Hosting;

/// <summary>Registers the job engines and schedulers of every cluster.</summary>
public static class JobsHostExtensions
{
    public static IServiceCollection AddRepmanJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobsRegistry>();
        services.AddSingleton<Func<string, ILocalTask?>>(_ => LocalTasks.For);
        services.AddHostedService<JobsService>();
        return services;
    }
}
