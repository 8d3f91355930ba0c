using System.Text;
using Encryption.Core.FileStore;

namespace Encryption.Core.Tests.FileStore;

public class DocumentTests
{
    [Fact]
    public void ANodeRoundTripsThroughItsJsonDocument()
    {
        var node = Documents.Node("n1", 1, publicKey: "pub=");

        var decoded = FileStoreJson.Decode<NodeDocument>(Documents.Bytes(node)).Value!.ToNode();

        Assert.Equal(node, decoded.Value);
        Assert.Equal("pub=", decoded.Value!.WireGuardPublicKey);
    }

    [Fact]
    public void TheNodeDocumentHasTheDocumentedShape()
    {
        var json = Encoding.UTF8.GetString(Documents.Bytes(Documents.Node("n1", 1, publicKey: "pub=")));

        Assert.Equal(
            """
            {
              "name": "n1",
              "ipv4": "192.168.100.1",
              "ipv6": "fd00:100::1",
              "podCidrs": [
                "10.1.0.0/24"
              ],
              "podIps": [
                "10.1.0.10"
              ],
              "bootId": "8a2e3f4c-1111-2222-3333-444455556661",
              "nodeId": 1,
              "ipsecKeyId": 3,
              "labels": {
                "kubernetes.io/hostname": "n1"
              },
              "annotations": {
                "network.cilium.io/wg-pub-key": "pub="
              }
            }

            """,
            json);
    }

    [Fact]
    public void AMinimalNodeDocumentNeedsOnlyAName()
    {
        var node = FileStoreJson.Decode<NodeDocument>(Documents.Text("""{"name":"n9","futureField":1}""")).Value!.ToNode();

        Assert.Equal(new Encryption.Core.Cluster.Node { Name = "n9" }, node.Value);
    }

    [Fact]
    public void PodsAndNamespacesRoundTrip()
    {
        var pod = Documents.Pod("default", "client", "n1");
        var ns = Documents.Namespace("default");

        Assert.Equal(pod, FileStoreJson.Decode<PodDocument>(Documents.Bytes(pod)).Value!.ToPod().Value);
        Assert.Equal(ns, FileStoreJson.Decode<NamespaceDocument>(Documents.Bytes(ns)).Value!.ToNamespace().Value);
    }

    [Theory]
    [InlineData("", "empty document")]
    [InlineData("  \n", "empty document")]
    [InlineData("""{"name":"n1","ipv4":"192.168""", "not valid JSON")]
    [InlineData("null", "document is null")]
    [InlineData("""{"ipv4":"192.168.100.1"}""", "name is missing")]
    [InlineData("""{"name":"n1","ipv4":"fd00::1"}""", "ipv4 'fd00::1' is not an IPv4 address")]
    [InlineData("""{"name":"n1","ipv6":"10.0.0.1"}""", "ipv6 '10.0.0.1' is not an IPv6 address")]
    [InlineData("""{"name":"n1","podCidrs":["10.1.0.0/33"]}""", "podCidrs entry '10.1.0.0/33' is invalid")]
    [InlineData("""{"name":"n1","podIps":["x"]}""", "podIps entry 'x' is invalid")]
    [InlineData("""{"name":"n1","nodeId":70000}""", "nodeId 70000 is not between 0 and 65535")]
    [InlineData("""{"name":"n1","ipsecKeyId":16}""", "ipsecKeyId 16 is not between 0 and 15")]
    [InlineData("""{"name":"n1","nodeId":"one"}""", "not valid JSON")]
    public void AnInvalidNodeDocumentSaysWhy(string json, string reason)
    {
        var document = FileStoreJson.Decode<NodeDocument>(Documents.Text(json));
        var problem = document.Problem ?? document.Value!.ToNode().Problem;

        Assert.NotNull(problem);
        Assert.StartsWith(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOversizedDocumentIsRejectedUnparsed() =>
        Assert.StartsWith("larger than", FileStoreJson.Decode<NodeDocument>(new byte[FileStoreJson.MaxDocumentBytes + 1]).Problem, StringComparison.Ordinal);

    [Fact]
    public void APodDocumentNamesEveryMissingField() =>
        Assert.Equal("uid, nodeName missing", FileStoreJson.Decode<PodDocument>(Documents.Text("""{"namespace":"d","name":"p"}""")).Value!.ToPod().Problem);
}
