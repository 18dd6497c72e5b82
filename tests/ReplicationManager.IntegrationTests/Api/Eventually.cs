namespace ReplicationManager.IntegrationTests.Api;

/// <summary>Waits for a condition with a deadline; a timeout names the condition and its last state.</summary>
internal static class Eventually
{
    public static async Task WaitUntilAsync(string condition, TimeSpan deadline, Func<Task<(bool Done, string State)>> check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        var state = "not checked";
        try
        {
            while (true)
            {
                bool done;
                (done, state) = await check();
                if (done)
                    return;
                await Task.Delay(200, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{condition}: not reached within {deadline}; last seen: {state}");
        }
    }
}
