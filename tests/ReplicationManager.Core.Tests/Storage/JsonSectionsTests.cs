using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReplicationManager.Core.Storage;

namespace ReplicationManager.Core.Tests.Storage;

public sealed class JsonSectionsTests
{
    private const string File = """
        {
          "monitoring": {
            "state": "Slave",
            "note": "a \"quoted\" line\nand the next"
          },
          "variables": {
            "SERVER_ID": "12"
          },
          "jobs": []
        }
        """;

    [Fact]
    public void ReplacingASectionKeepsItsPlaceAndCopiesTheOthersByteForByte()
    {
        var sections = JsonSections.Split(Encoding.UTF8.GetBytes(File));

        var joined = Encoding.UTF8.GetString(JsonSections.Join(sections, new Dictionary<string, byte[]?> { ["variables"] = JsonSections.Serialize(new JsonObject { ["SERVER_ID"] = "13" }) }));

        Assert.Equal(["monitoring", "variables", "jobs"], sections.Select(section => section.Key));
        Assert.Equal(File.Replace("\"12\"", "\"13\"", StringComparison.Ordinal), joined);
    }

    [Fact]
    public void ANewSectionGoesLastIndentedAtItsDepthAndANullRemovesOne()
    {
        var sections = JsonSections.Split(Encoding.UTF8.GetBytes(File));

        var joined = Encoding.UTF8.GetString(JsonSections.Join(sections, new Dictionary<string, byte[]?>
        {
            ["variables"] = null,
            ["status"] = JsonSections.Serialize(new JsonObject { ["Uptime"] = "9", ["Note"] = "x\ny" }),
        }));

        Assert.Equal("""
            {
              "monitoring": {
                "state": "Slave",
                "note": "a \"quoted\" line\nand the next"
              },
              "jobs": [],
              "status": {
                "Uptime": "9",
                "Note": "x\ny"
              }
            }
            """, joined);
        Assert.Equal("x\ny", (string?)JsonNode.Parse(joined)!["status"]!["Note"]);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("{\"a\": 1} {\"b\": 2}")]
    [InlineData("{\"a\": ")]
    [InlineData("")]
    public void AnythingButOneJsonObjectIsRefused(string text)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSections.Split(Encoding.UTF8.GetBytes(text)));
    }
}
