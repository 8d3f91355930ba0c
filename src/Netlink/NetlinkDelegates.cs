namespace Netlink;

/// <summary>Writes exactly one request message. Flags for request/ack/dump and the sequence number are added by the client.</summary>
public delegate void MessageEncoder(ref NetlinkWriter writer);

/// <summary>Writes exactly one request message, the <paramref name="index"/>-th of a batch.</summary>
public delegate void BatchEncoder(ref NetlinkWriter writer, int index);

/// <summary>Turns one reply message into a value, or null to skip it.</summary>
public delegate T MessageDecoder<out T>(NetlinkMessage message);
