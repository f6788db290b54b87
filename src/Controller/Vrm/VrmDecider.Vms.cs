using Cluster.Controller.Alarms;
using Cluster.Controller.Planning.Placement;
using Cluster.Messages;

namespace Cluster.Controller.Vrm;

/// <summary>Admin commands: create, power on, power off and remove VMs; datastores.</summary>
public sealed partial class VrmDecider
{
    private long _nextCommandId;

    private long NextCommandId() => ++_nextCommandId;

    private bool HandleAdmin(object message)
    {
        switch (message)
        {
            case CreateVm create:
                OnCreateVm(create.Request);
                return true;
            case PowerOnVm powerOn:
                OnPowerOn(powerOn.VmId);
                return true;
            case PowerOffVm powerOff:
                OnPowerOff(powerOff);
                return true;
            case RemoveVm remove:
                OnRemove(remove.VmId);
                return true;
            case AddDatastore add:
                OnAddDatastore(add);
                return true;
            case RemoveHost removeHost:
                OnRemoveHost(removeHost);
                return true;
            case ReconfigureVm reconfigure:
                OnReconfigure(reconfigure);
                return true;
            default:
                return HandleQuery(message);
        }
    }

    private void OnCreateVm(CreateVmRequest request)
    {
        var errors = request.Validate().ToList();
        if (request.Disks is { Count: <= VmLimits.MaxDisks } disks)
        {
            AddDatastoreErrors(disks, errors);
        }

        if (errors.Count > 0)
        {
            _step.Send(_from, AdminFailure.Invalid(errors));
            return;
        }

        if (_inventory.VmNamed(request.Name) is not null)
        {
            _step.Send(_from, AdminFailure.Conflict("name", $"a VM named '{request.Name}' already exists"));
            return;
        }

        var sender = _from;
        var id = VmId.From($"vm-{_inventory.VmsEverCreated + 1:D4}");
        Record(new VmCreated(id, request.ToSpec()), _ => _step.Send(sender, ViewOf(_inventory.Vm(id)!)));
    }

    /// <summary>
    /// Each disk's datastore must exist, and the VM's disks on it must fit its provisionable capacity even on
    /// an empty datastore: such a VM could never be started, so it is refused now rather than at every start.
    /// </summary>
    private void AddDatastoreErrors(IReadOnlyList<VmDisk> disks, List<FieldError> errors)
    {
        var needGb = new Dictionary<DatastoreId, long>();
        var reported = new HashSet<DatastoreId>();
        for (var i = 0; i < disks.Count; i++)
        {
            if (disks[i]?.Datastore.Value is null)
            {
                continue;
            }

            if (_inventory.Datastore(disks[i].Datastore) is not { } datastore)
            {
                errors.Add(new FieldError($"disks[{i}].datastore", $"no datastore '{disks[i].Datastore}'"));
                continue;
            }

            needGb[datastore.DatastoreId] = needGb.GetValueOrDefault(datastore.DatastoreId) + disks[i].SizeGb;
            var capacityGb = Inventory.ProvisionableGb(datastore, _settings.DatastoreOvercommit);
            if (needGb[datastore.DatastoreId] > capacityGb && reported.Add(datastore.DatastoreId))
            {
                errors.Add(new FieldError(
                    $"disks[{i}].sizeGb",
                    $"the VM's disks on {datastore.DatastoreId} need {needGb[datastore.DatastoreId]} GB, more than it can provision ({capacityGb} GB: {datastore.CapacityGb} GB capacity, overcommit {_settings.DatastoreOvercommit.ToString(System.Globalization.CultureInfo.InvariantCulture)})"));
            }
        }
    }

    private void OnPowerOn(VmId id)
    {
        var vm = _inventory.Vm(id);
        if (vm is null)
        {
            _step.Send(_from, AdminFailure.NotFound("vmId", $"VM {id}"));
            return;
        }

        if (VmLifecycleRules.StartRefusal(vm.PowerState) is { } refusal)
        {
            _step.Send(_from, AdminFailure.Conflict("vmId", $"VM {id} {refusal}"));
            return;
        }

        var placement = PlacementPlanner.Place(_inventory.ToSnapshot(datastoreOvercommit: _settings.DatastoreOvercommit), id, vm.Spec, _settings.Admission);
        if (placement.Host is not { } host)
        {
            var reasons = string.Join("; ", placement.Refusals.Select(r => $"{r.Host}: {r.Detail}"));
            _step.Send(_from, AdminFailure.Conflict("vmId", $"no host can run VM {id}: {(reasons.Length > 0 ? reasons : "no hosts")}"));
            return;
        }

        var sender = _from;
        StartOn(vm, host, () => _step.Send(sender, ViewOf(_inventory.Vm(id)!)));
    }

    /// <summary>Places a stopped VM on a host under a new incarnation and tells the host to start it.</summary>
    private void StartOn(InventoryVm vm, HostId host, Action? after = null)
    {
        var incarnation = vm.Incarnation + 1;
        RecordAll(
            [new VmPlaced(vm.VmId, host, _now), new VmPowerStateChanged(vm.VmId, vm.PowerState, VmPowerState.Starting, incarnation)],
            () =>
            {
                var commandId = NextCommandId();
                _startCommands[commandId] = (vm.VmId, incarnation, host);
                SendToHost(host, new StartVm(Epoch, commandId, vm.VmId, vm.Spec, incarnation));
                after?.Invoke();
            });
    }

    private void OnPowerOff(PowerOffVm powerOff)
    {
        var vm = _inventory.Vm(powerOff.VmId);
        if (vm is null)
        {
            _step.Send(_from, AdminFailure.NotFound("vmId", $"VM {powerOff.VmId}"));
            return;
        }

        if (VmLifecycleRules.StopRefusal(vm.PowerState) is { } refusal || vm.Host is not { } host)
        {
            _step.Send(_from, AdminFailure.Conflict("vmId", $"VM {vm.VmId} {VmLifecycleRules.StopRefusal(vm.PowerState) ?? "is on no host"}"));
            return;
        }

        var sender = _from;
        if (vm.PowerState == VmPowerState.Stopping)
        {
            // Asked again (a graceful stop that hangs, or an unreachable host): send it again and look at the lease now.
            StopOn(vm, host, powerOff.Graceful, sender);
            return;
        }

        Record(new VmPowerStateChanged(vm.VmId, vm.PowerState, VmPowerState.Stopping, vm.Incarnation), _ => StopOn(vm, host, powerOff.Graceful, sender));
    }

    private void OnRemove(VmId id)
    {
        var vm = _inventory.Vm(id);
        if (vm is null)
        {
            _step.Send(_from, AdminFailure.NotFound("vmId", $"VM {id}"));
            return;
        }

        if (VmLifecycleRules.DeleteRefusal(vm.PowerState) is { } refusal)
        {
            _step.Send(_from, AdminFailure.Conflict("vmId", $"VM {id} {refusal}"));
            return;
        }

        var sender = _from;
        var view = ViewOf(vm);
        Record(new VmDeleted(id), _ =>
        {
            if (vm.Host is { } host)
            {
                SendToHost(host, new DeleteVm(Epoch, NextCommandId(), id));
            }

            _step.Send(sender, view);
        });
    }

    private void OnReconfigure(ReconfigureVm reconfigure)
    {
        var vm = _inventory.Vm(reconfigure.VmId);
        if (vm is null)
        {
            _step.Send(_from, AdminFailure.NotFound("vmId", $"VM {reconfigure.VmId}"));
            return;
        }

        if (reconfigure.Request.IsEmpty)
        {
            _step.Send(_from, AdminFailure.Invalid([new FieldError("body", "names nothing to change (haEnabled, restartPriority, cpuQos, memoryQos)")]));
            return;
        }

        var spec = reconfigure.Request.ApplyTo(vm.Spec);
        if (spec.Validate() is { Count: > 0 } errors)
        {
            _step.Send(_from, AdminFailure.Invalid(errors));
            return;
        }

        if (vm.PowerState != VmPowerState.Stopped)
        {
            _step.Send(_from, AdminFailure.Conflict("vmId", $"VM {vm.VmId} is {vm.PowerState}; only a stopped VM is reconfigured (stop it first)"));
            return;
        }

        var sender = _from;
        Record(new VmReconfigured(vm.VmId, spec), _ => _step.Send(sender, ViewOf(_inventory.Vm(vm.VmId)!)));
    }

    private void OnAddDatastore(AddDatastore add)
    {
        var sender = _from;
        if (_inventory.HasDatastore(add.DatastoreId))
        {
            _step.Send(sender, add.DatastoreId);
            return;
        }

        Record(new DatastoreAdded(add.DatastoreId, add.Name, add.CapacityGb), _ => _step.Send(sender, add.DatastoreId));
    }

    private void OnCommandRejected(CommandRejected rejected)
    {
        if (OnStartRejected(rejected.CommandId, rejected.Reason))
        {
            return;
        }

        var host = _hostPeers.FirstOrDefault(h => h.Value.Equals(_from)).Key;

        // Peers are opaque to a decider: the rejecting host is named by its id when it is a known host.
        var by = host.Value is null ? _from.ToString() : $"host {host}";
        var reason = $"command {rejected.CommandId} rejected by {by}: {rejected.Reason}";
        var subject = host.Value is null ? new AlarmObject(AlarmObjectKind.Cluster, "cluster") : AlarmObject.Host(host);
        RaiseAlarm(new AlarmCondition(AlarmKinds.CommandRejected, AlarmSeverity.Warning, subject, reason), countRepeat: true);
    }
}
