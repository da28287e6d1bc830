using System.Reflection;
using System.Reflection.Emit;

namespace CopilotIngest.Cli.Tests;

/// <summary>
/// The types of one assembly that a type uses: in its signatures (base type, interfaces, fields, parameters, return
/// types, locals) and in its code (every type, method and field an instruction names), generic arguments included.
/// Compiler-made types (lambdas, async state machines) count for the type they are nested in. Constants do not
/// appear: the compiler copies their values into the code that reads them.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private static readonly Dictionary<short, OpCode> s_opCodes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The outermost type that <paramref name="type"/> is nested in, or itself.</summary>
    public static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } declaring)
        {
            type = declaring;
        }

        return type;
    }

    /// <summary>The types of <paramref name="type"/>'s own assembly that <paramref name="type"/> uses.</summary>
    public static IEnumerable<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        Add(found, type.BaseType);
        foreach (var implemented in type.GetInterfaces())
        {
            Add(found, implemented);
        }

        foreach (var field in type.GetFields(Declared))
        {
            Add(found, field.FieldType);
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info)
            {
                Add(found, info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(found, parameter.ParameterType);
            }

            AddCode(found, method);
        }

        return found.Where(t => t.Assembly == type.Assembly);
    }

    private static void AddCode(HashSet<Type> found, MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body is null)
        {
            return;
        }

        foreach (var local in body.LocalVariables)
        {
            Add(found, local.LocalType);
        }

        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var offset = 0; offset < il.Length;)
        {
            var value = il[offset] == 0xFE ? (short)(0xFE00 | il[offset + 1]) : il[offset];
            offset += il[offset] == 0xFE ? 2 : 1;
            var opCode = s_opCodes[value];
            if (opCode.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok)
            {
                switch (method.Module.ResolveMember(BitConverter.ToInt32(il, offset), typeArguments, methodArguments))
                {
                    case Type type:
                        Add(found, type);
                        break;
                    case MethodInfo called:
                        Add(found, called.DeclaringType);
                        foreach (var argument in called.IsGenericMethod ? called.GetGenericArguments() : [])
                        {
                            Add(found, argument);
                        }

                        break;
                    case MemberInfo member:
                        Add(found, member.DeclaringType);
                        break;
                }
            }

            offset += OperandSize(opCode.OperandType, il, offset);
        }
    }

    private static int OperandSize(OperandType operand, byte[] il, int offset) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, offset)),
        _ => 4,
    };

    private static void Add(HashSet<Type> found, Type? type)
    {
        if (type is null || type.IsGenericParameter || !found.Add(type))
        {
            return;
        }

        if (type.HasElementType)
        {
            Add(found, type.GetElementType());
        }

        if (type.IsGenericType)
        {
            Add(found, type.GetGenericTypeDefinition());
            foreach (var argument in type.GetGenericArguments())
            {
                Add(found, argument);
            }
        }
    }
}
