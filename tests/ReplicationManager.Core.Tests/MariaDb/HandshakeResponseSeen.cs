using ReplicationManager.MariaDb;

namespace ReplicationManager.Core.Tests.MariaDb;

/// <summary>The client's handshake response as the fake server read it (an SSLRequest has only the capabilities).</summary>
internal sealed record HandshakeResponseSeen(
    MariaDbCapabilities Capabilities, string User, byte[] AuthResponse, string? Database, string Plugin, bool IsSslRequest);
