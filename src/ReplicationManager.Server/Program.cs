using ReplicationManager.Server.Hosting;

return await RepmanCommandLine.RunAsync(args, async (startup, cancellationToken) =>
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.AddRepman(startup);
    await using var app = builder.Build();
    app.MapRepman();
    await app.RunAsync(cancellationToken);
});
