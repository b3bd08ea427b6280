package io.omnistock.api;

import java.util.function.ToIntFunction;

/** Code-to-constant lookup tables for the API's enums; built once, read without allocation. */
final class Codes
{
    private Codes()
    {
    }

    @SuppressWarnings("unchecked")
    static <E> E[] index(final E[] values, final ToIntFunction<E> code)
    {
        int max = 0;
        for (final E value : values)
        {
            max = Math.max(max, code.applyAsInt(value));
        }
        final E[] table = (E[])java.lang.reflect.Array.newInstance(values.getClass().getComponentType(), max + 1);
        for (final E value : values)
        {
            if (table[code.applyAsInt(value)] != null)
            {
                throw new IllegalStateException("duplicate code " + code.applyAsInt(value));
            }
            table[code.applyAsInt(value)] = value;
        }
        return table;
    }

    static <E> E lookup(final E[] table, final int code)
    {
        return code >= 0 && code < table.length ? table[code] : null;
    }
}
