namespace Cluster.Messages;

/// <summary>A VM disk: where it lives and how large it is. A host must reach the datastore to run the VM.</summary>
public sealed record VmDisk(DatastoreId Datastore, long SizeGb);
