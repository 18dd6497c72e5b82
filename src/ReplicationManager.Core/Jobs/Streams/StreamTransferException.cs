namespace ReplicationManager.Core.Jobs.Streams;

/// <summary>A stream did not arrive whole: no sender came, it went silent, or it was cut. Nothing was kept.</summary>
public sealed class StreamTransferException : Exception
{
    public StreamTransferException()
    {
    }

    public StreamTransferException(string message)
        : base(message)
    {
    }

    public StreamTransferException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
