using System.Collections.Immutable;
using Encryption.IPsec.Status;

namespace Encryption.IPsec.Tests.Status;

public class IPsecStatusRendererTests
{
    private static readonly IPsecStatusReport Busy = new()
    {
        DecryptInterfaces = ["eth0", "eth1"],
        KeysInUse = 4,
        MaxSequenceNumber = 0x1e3,
        XfrmErrors = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("XfrmInNoStates", 12L)]),
    };

    [Fact]
    public void TextFollowsCiliumDbgLayoutWithPaddedValues()
    {
        Assert.Equal(
            "Encryption: IPsec                     \n" +
            "Decryption interface(s): eth0, eth1\n" +
            "Keys in use: 4                         \n" +
            "Max Seq. Number: 0x1e3/0xffffffffffffffff\n" +
            "Errors: 12                        \n" +
            "\tXfrmInNoStates: 12                        \n",
            IPsecStatusRenderer.Text(Busy));
    }

    [Fact]
    public void JsonUsesCiliumsFieldNames()
    {
        Assert.Equal(
            """{"mode":"IPsec","ipsec":{"decrypt-interfaces":["eth0","eth1"],"error-count":12,"keys-in-use":4,"max-seq-number":"0x1e3/0xffffffffffffffff","xfrm-errors":{"XfrmInNoStates":12}}}""",
            IPsecStatusRenderer.Json(Busy).ToJsonString());
    }

    [Fact]
    public void WithoutKeysTheIPsecSectionIsOmitted()
    {
        var empty = new IPsecStatusReport { Messages = ["no IPsec key loaded"] };
        Assert.Equal("Msg: no IPsec key loaded\nEncryption: IPsec                     \n", IPsecStatusRenderer.Text(empty));
        Assert.Equal("""{"mode":"IPsec","msg":"no IPsec key loaded"}""", IPsecStatusRenderer.Json(empty).ToJsonString());
    }

    [Fact]
    public void ZeroSequenceNumberReadsNotAvailable() =>
        Assert.Equal("N/A", IPsecStatusRenderer.MaxSeq(Busy with { MaxSequenceNumber = 0 }));

    [Fact]
    public void SequenceNumberAbove32BitsIsShownInFull() =>
        Assert.Equal("0x1000001e3/0xffffffffffffffff", IPsecStatusRenderer.MaxSeq(Busy with { MaxSequenceNumber = 0x1000001e3 }));
}
