using Encryption.Cli.Status;
using System.Text.Json.Nodes;

namespace Encryption.Lab.Tests.Unit;

/// <summary>The text of <c>encrypt status</c>, byte for byte in <c>cilium-dbg encrypt status</c>'s layout.</summary>
public sealed class EncryptionStatusTextTests
{
    [Fact]
    public void DisabledIsOneLineWithTheModePaddedTo26Columns()
    {
        var text = EncryptionStatusText.Render(new JsonObject { ["mode"] = "Disabled" });

        Assert.Equal("Encryption: Disabled                  \n", text);
    }

    [Fact]
    public void IPsecPrintsEveryLineInCiliumsOrderWithItsPadding()
    {
        var model = JsonNode.Parse("""
            { "mode": "IPsec",
              "ipsec": { "decrypt-interfaces": ["eth0", "eth1"], "keys-in-use": 4, "max-seq-number": "0x1e3/0xffffffffffffffff",
                         "error-count": 12, "xfrm-errors": { "XfrmInNoStates": 12 } } }
            """)!.AsObject();

        var text = EncryptionStatusText.Render(model);

        Assert.Equal(
            "Encryption: IPsec                     \n" +
            "Decryption interface(s): eth0, eth1\n" +
            "Keys in use: 4                         \n" +
            "Max Seq. Number: 0x1e3/0xffffffffffffffff\n" +
            "Errors: 12                        \n" +
            "\tXfrmInNoStates: 12                        \n",
            text);
    }

    [Fact]
    public void MsgComesFirstWhenTheAgentReportsProblems()
    {
        var text = EncryptionStatusText.Render(new JsonObject { ["mode"] = "Disabled", ["msg"] = "apply failed" });

        Assert.StartsWith("Msg: apply failed\nEncryption: Disabled", text);
    }

    [Fact]
    public void XfrmErrorCountersAreSortedByName()
    {
        var model = JsonNode.Parse("""
            { "mode": "IPsec", "ipsec": { "decrypt-interfaces": [], "keys-in-use": 2, "max-seq-number": "N/A", "error-count": 3,
              "xfrm-errors": { "XfrmOutNoStates": 1, "XfrmInError": 2 } } }
            """)!.AsObject();

        var lines = EncryptionStatusText.Render(model).Split('\n');

        Assert.Equal("Decryption interface(s): ", lines[1]);
        Assert.StartsWith("\tXfrmInError: 2", lines[5]);
        Assert.StartsWith("\tXfrmOutNoStates: 1", lines[6]);
    }

    [Fact]
    public void OmittedFieldsPrintAsCiliumsZeroValuesAndNoSequenceNumberIsNA()
    {
        var model = JsonNode.Parse("""{ "mode": "IPsec", "ipsec": { "decrypt-interfaces": [], "keys-in-use": 2 } }""")!.AsObject();

        var lines = EncryptionStatusText.Render(model).Split('\n');

        Assert.Equal("Max Seq. Number: N/A", lines[3]);
        Assert.Equal("Errors: 0" + new string(' ', 25), lines[4]);
    }

    [Fact]
    public void WireGuardPrintsOneBlockPerInterface()
    {
        var model = JsonNode.Parse("""
            { "mode": "Wireguard", "wireguard": { "interfaces": [
              { "name": "cilium_wg0", "listen-port": 51871, "public-key": "PUBKEY=", "peer-count": 2, "peers": [] } ] } }
            """)!.AsObject();

        Assert.Equal(
            "Encryption: Wireguard                 \n" +
            "Interface: cilium_wg0\n" +
            "\tPublic key: PUBKEY=\n" +
            "\tNumber of peers: 2\n",
            EncryptionStatusText.Render(model));
    }

    [Fact]
    public void ZtunnelFollowsTheModeLineWithItsControlPlaneAndWhetherTheDataPathIsExercised()
    {
        var model = JsonNode.Parse("""
            { "mode": "Ztunnel",
              "ztunnel": { "grpc-endpoints": ["127.0.0.1:15012"], "zds-socket": "/run/z.sock", "enrolled-namespaces": ["default"],
                           "mesh-workloads": 2, "local-workloads": 1, "handed-over": 1, "zds-connections": 0, "xds-streams": 0,
                           "certificates-issued": 0, "data-path": "NOT exercised: no ztunnel is connected" } }
            """)!.AsObject();

        var text = EncryptionStatusText.Render(model);

        Assert.Equal(
            "Encryption: Ztunnel                   \n" +
            "xDS/CA listener: 127.0.0.1:15012\n" +
            "ZDS socket: /run/z.sock\n" +
            "Enrolled namespaces: default\n" +
            "Mesh workloads (xDS): 2\n" +
            "Local pods with in-pod rules: 1/1\n" +
            "ztunnel connections: ZDS 0, xDS 0\n" +
            "Certificates issued: 0\n" +
            "Data path: NOT exercised: no ztunnel is connected\n",
            text);
    }
}
