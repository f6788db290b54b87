using System.Reflection;

namespace Cluster.Messages.Tests;

/// <summary>
/// Builds a sample of any wire type by reflection, filling every constructor parameter (lists get one
/// element, optionals get a value), so a new message is covered by the round-trip test without
/// anyone writing its sample by hand.
/// </summary>
internal static class SampleFactory
{
    public static object Create(Type type)
    {
        var counter = 0;
        return Create(type, ref counter);
    }

    private static object Create(Type type, ref int counter)
    {
        counter++;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Create(underlying, ref counter);
        }

        if (type == typeof(string))
        {
            return $"text-{counter}";
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return Convert.ChangeType(counter, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type == typeof(double))
        {
            return counter + 0.5;
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(TimeSpan))
        {
            return TimeSpan.FromSeconds(counter);
        }

        if (type == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(counter);
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(values.Length - 1)!;
        }

        if (type.GetMethod("From", BindingFlags.Public | BindingFlags.Static, [typeof(string)]) is { } from)
        {
            return from.Invoke(null, [$"{type.Name.ToLowerInvariant()}-{counter}"])!;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var elementType = type.GetGenericArguments()[0];
            var list = Array.CreateInstance(elementType, 1);
            list.SetValue(Create(elementType, ref counter), 0);
            return list;
        }

        var constructor = type.GetConstructors()
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault() ?? throw new InvalidOperationException($"no public constructor on {type}");
        var arguments = new object[constructor.GetParameters().Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Create(constructor.GetParameters()[i].ParameterType, ref counter);
        }

        return constructor.Invoke(arguments);
    }
}
