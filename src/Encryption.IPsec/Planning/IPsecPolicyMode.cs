namespace Encryption.IPsec.Planning;

/// <summary>How OUT traffic is matched to XFRM policies (architecture §2).</summary>
public enum IPsecPolicyMode
{
    /// <summary>
    /// Default; needs no datapath. OUT policies select by destination (remote pod CIDRs, and the remote node IP with
    /// node encryption). Without marks the kernel tells inbound states apart only by (dst, SPI), so the SPI carries
    /// the sender: <c>spi = senderNodeId &lt;&lt; 8 | keyId</c>.
    /// </summary>
    Selector,

    /// <summary>
    /// Cilium's mark layout (<c>0x0E00 | keyId&lt;&lt;12 | nodeId&lt;&lt;16</c> encrypt, <c>0x0D00 | nodeId&lt;&lt;16</c> decrypt),
    /// SPI = key ID; for hosts where a datapath sets the marks.
    /// </summary>
    Mark,
}
