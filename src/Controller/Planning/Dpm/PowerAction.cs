namespace Cluster.Controller.Planning.Dpm;

public enum PowerAction
{
    PowerOn,
    PowerOff,
}
