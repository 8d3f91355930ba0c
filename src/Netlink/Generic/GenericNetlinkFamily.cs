namespace Netlink.Generic;

/// <summary>A resolved generic-netlink family: its dynamic message type id and multicast groups.</summary>
public sealed record GenericNetlinkFamily(string Name, ushort Id, uint Version, uint HeaderSize, uint MaxAttribute, IReadOnlyDictionary<string, uint> MulticastGroups);
