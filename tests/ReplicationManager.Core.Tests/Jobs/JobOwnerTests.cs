using ReplicationManager.Core.Jobs;

namespace ReplicationManager.Core.Tests.Jobs;

public sealed class JobOwnerTests
{
    [Theory]
    [InlineData("local", false, JobState.Processing, true)]
    [InlineData("sql", true, JobState.Processing, true)]
    [InlineData("sql", false, JobState.Pending, true)]
    [InlineData("sql", false, JobState.Halted, true)]
    [InlineData("sql", false, JobState.Processing, false)]
    [InlineData("local", false, JobState.Success, false)]
    [InlineData("local", false, JobState.Error, false)]
    public void ARowCannotFinishWithoutTheProcessThatDroveIt(string mode, bool streams, JobState state, bool abandoned)
    {
        var owner = JobOwner.Parse(new JobOwner("old-process", mode, streams).ToPayload())!;

        Assert.Equal(abandoned, owner.IsAbandonedFor("new-process", state));
        Assert.False(owner.IsAbandonedFor("old-process", state));
    }

    [Theory]
    [InlineData(null, """{"repman":"p1","mode":"sql","stream":true}""")]
    [InlineData("5f3a-1", """{"repman":"p1","mode":"sql","stream":true,"post":"5f3a-1"}""")]
    public void ThePostThatWroteARowIsInItsPayloadWhenNamed(string? post, string payload)
    {
        var owner = new JobOwner("p1", "sql", true, post);

        Assert.Equal(payload, owner.ToPayload());
        Assert.Equal(owner, JobOwner.Parse(payload));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("backup of db1")]
    [InlineData("{\"other\":1}")]
    [InlineData("{broken")]
    public void RowsNotWrittenByRepmanHaveNoOwner(string? payload) => Assert.Null(JobOwner.Parse(payload));
}
