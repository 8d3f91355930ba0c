namespace Encryption.Core.Configuration;

/// <summary>How a value is parsed.</summary>
public enum OptionKind
{
    Boolean,
    String,

    /// <summary>A Go duration (<c>5m</c>, <c>0s</c>, <c>1h30m</c>).</summary>
    Duration,
    Integer,
    Enum,

    /// <summary>A file system path.</summary>
    Path,

    /// <summary>An IP prefix (<c>10.0.0.0/8</c>).</summary>
    Cidr,

    /// <summary>An absolute URL (<c>https://localhost:15012</c>).</summary>
    Url,

    /// <summary>One IP address.</summary>
    IPAddress,

    /// <summary>Comma-separated prefixes (a YAML list in a values file).</summary>
    CidrList,

    /// <summary>Comma-separated IP addresses (a YAML list in a values file).</summary>
    IPAddressList,
}
