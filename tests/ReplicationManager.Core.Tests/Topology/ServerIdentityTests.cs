using System.Text;
using ReplicationManager.Core.Topology;

namespace ReplicationManager.Core.Tests.Topology;

public sealed class ServerIdentityTests
{
    [Fact]
    public void Crc64IsGoEcmaThatIsCrc64Xz()
    {
        // The published check value of CRC-64/XZ, which Go's crc64.Checksum(data, crc64.MakeTable(crc64.ECMA)) computes.
        Assert.Equal(0x995DC9BBDF1939FAUL, ServerIdentity.Crc64(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0UL, ServerIdentity.Crc64([]));
    }

    [Fact]
    public void IdIsDbFollowedByTheUnsignedDecimalCrcOfHostColonPort()
    {
        var address = new ServerAddress("127.0.0.12", 3306);

        var id = ServerIdentity.IdOf(address);

        Assert.Equal("db" + ServerIdentity.Crc64(Encoding.ASCII.GetBytes("127.0.0.12:3306")), id);
        Assert.Equal(id, new ServerSnapshot { Address = address }.Id);
        Assert.NotEqual(id, ServerIdentity.IdOf(new ServerAddress("127.0.0.12", 3307)));
    }

    [Theory]
    [InlineData("Master", ServerState.Master)]
    [InlineData("SlaveErr", ServerState.SlaveErr)]
    [InlineData("StandAlone", ServerState.StandAlone)]
    [InlineData("ErrorAuth", ServerState.ErrorAuth)]
    [InlineData("RelayLate", ServerState.RelayLate)]
    public void StatesReadAndWriteReplicationManagerNames(string name, ServerState state)
    {
        Assert.Equal(name, state.ToGoName());
        Assert.True(ServerStates.TryParseGoName(name, out var parsed));
        Assert.Equal(state, parsed);
        Assert.Equal($"\"{name}\"", System.Text.Json.JsonSerializer.Serialize(state));
    }
}
