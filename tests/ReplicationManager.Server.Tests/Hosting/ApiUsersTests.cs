using ReplicationManager.Core.Options;
using ReplicationManager.Server.Api.Auth;
using ReplicationManager.Server.Hosting;

namespace ReplicationManager.Server.Tests.Hosting;

public sealed class ApiUsersTests
{
    [Fact]
    public void WithoutApiCredentialsTheApiDoesNotStart()
    {
        var options = Options([]);
        var users = new ApiUserDirectory(options);
        Assert.False(users.HasUsers);
        Assert.False(ApiListeners.ServesApi(options, users));
    }

    [Fact]
    public void AUserWithoutPasswordCannotLogInAndIsReported()
    {
        var options = Options([new Credential("admin", "")]);
        var users = new ApiUserDirectory(options);
        Assert.False(users.HasUsers);
        Assert.Equal(["admin"], users.RefusedUsers);
        Assert.Null(users.Authenticate("admin", ""));
    }

    [Fact]
    public void PasswordsAreComparedExactly()
    {
        var users = new ApiUserDirectory(Options([new Credential("admin", "s3cret:with:colons")]));
        Assert.NotNull(users.Authenticate("admin", "s3cret:with:colons"));
        Assert.Null(users.Authenticate("admin", "s3cret:with:colon"));
        Assert.Null(users.Authenticate("admin", "S3cret:with:colons"));
        Assert.Null(users.Authenticate("Admin", "s3cret:with:colons"));
    }

    [Fact]
    public void UnknownGrantsAreReported()
    {
        var options = Options([new Credential("admin", "x")]) with
        {
            Grants = new Dictionary<string, IReadOnlyList<string>> { ["admin"] = ["db", "clustr"] },
        };
        Assert.Equal(["clustr"], new ApiUserDirectory(options).UnknownGrantPrefixes);
    }

    [Fact]
    public void TheLabConfigurationDefinesItsUserExplicitly()
    {
        var lab = ConfigurationLoader.Load(Path.Combine(RepositoryRoot(), "etc", "lab.toml")).Options.Global.Api;
        Assert.True(ApiListeners.ServesApi(lab, new ApiUserDirectory(lab)));
    }

    private static ApiOptions Options(IReadOnlyList<Credential> users) => new(
        true, "127.0.0.1", 10005, users, new Dictionary<string, IReadOnlyList<string>>(),
        new Dictionary<string, IReadOnlyList<string>>(), TimeSpan.FromHours(1), "", "", true, "localhost", 10001, "", false);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReplicationManager.slnx")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("no ReplicationManager.slnx above " + AppContext.BaseDirectory);
    }
}
