global using System.Diagnostics;
global using Microsoft.Extensions.Logging;

[assembly: CollectionBehavior(DisableTestParallelization = true)]
