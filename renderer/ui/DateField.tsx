/**
 * A date typed as day, month and year (27/03/2026), wired to the surrounding
 * react-hook-form like the fields in fields.tsx. Why not `<input type="date">`: in
 * headless Chromium and many Electron installs it shows mm/dd/yyyy whatever language
 * the app asks for. react-aria's DateField lays its segments out for the locale it is
 * given, so it is always en-GB here, and each segment is a spin button a screen reader
 * announces ("day, 27").
 *
 * The widget keeps what is typed; the form keeps a string (date-entry.ts): '' when
 * empty, the ISO date when whole, and an incomplete-date string the schemas refuse when
 * half typed, so a missing year is never saved as "no date". The schema's message for
 * that string talks about other date formats, so it is replaced with what is missing.
 *
 * Accessibility is the same as the other fields: a visible label, the hint and the error
 * in plain words linked by aria-describedby, aria-invalid, and `fieldId(name)` on the
 * first segment so the error summary's link lands in the field, ready to type.
 */
import { useContext, useEffect, useLayoutEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import {
  DateField as AriaDateField,
  DateFieldStateContext,
  DateInput,
  DateSegment,
  I18nProvider,
  Label,
  type DateSegmentProps,
} from 'react-aria-components';
import { useController, useFormContext } from 'react-hook-form';
import { calendarDateOf, formValueOfTypedDate, incompleteDateMessage, isIncompleteDate } from './date-entry';
import { describedBy, fieldId, hintId } from './field-ids';
import { FieldError } from './fields';

interface DateFieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  /** As for the text fields; a date needs no more than 'short' or 'medium'. */
  width?: 'short' | 'medium' | 'full';
}

function useDateFieldState() {
  const state = useContext(DateFieldStateContext);
  if (!state) throw new Error('A date field part was used outside a react-aria DateField');
  return state;
}

/** True when `after` is `before`, a day that does not exist (2027-02-31), moved back to the last day of its month (2027-02-28). */
function isClampedFrom(before: unknown, after: string): boolean {
  if (typeof before !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(before) || calendarDateOf(before)) return false;
  const month = before.slice(0, 8);
  const first = calendarDateOf(`${month}01`);
  if (!first) return false;
  const last = first.calendar.getDaysInMonth(first);
  return Number(before.slice(8)) > last && after === `${month}${String(last).padStart(2, '0')}`;
}

/**
 * Keeps the form and the segments in step. A change in the segments (the person typed)
 * goes to the form; a change in the form from elsewhere (a reset, a "today" button) goes
 * to the segments, unless it is something they cannot show (an incomplete date).
 *
 * A day that does not exist (31/02/2027) stays as typed, for the schema to refuse in
 * plain words: react-aria moves it to the last day of the month when the field loses
 * focus, which would save a date nobody typed, so that move is undone.
 */
function FormSync({ name, formValue, onChange }: { name: string; formValue: unknown; onChange: (value: string) => void }) {
  const state = useDateFieldState();
  const { getValues } = useFormContext();
  const part = (type: 'day' | 'month' | 'year') => {
    const segment = state.segments.find((s) => s.type === type);
    return !segment || segment.isPlaceholder || segment.value == null ? null : segment.value;
  };
  const typed = formValueOfTypedDate({ day: part('day'), month: part('month'), year: part('year') });
  const lastTyped = useRef(typed);
  const { setValue: show, setSegment } = state;
  useEffect(() => {
    // Read the form's own store, not the rendered value, which may be a render behind.
    const current: unknown = getValues(name) ?? '';
    const focused = !!document.getElementById(fieldId(name))?.closest('.date-input')?.contains(document.activeElement);
    if (typed !== lastTyped.current && !focused && isClampedFrom(current, typed)) {
      // Not typed: react-aria's own correction on leaving the field. Show the day as typed again.
      setSegment('day', Number((current as string).slice(8)));
      return;
    }
    if (typed !== lastTyped.current) {
      lastTyped.current = typed;
      if (typed !== current) onChange(typed);
    } else if (typeof current === 'string' && current !== typed && (current === '' || calendarDateOf(current))) {
      show(calendarDateOf(current));
    }
  }, [typed, formValue, name, getValues, onChange, show, setSegment]);
  return null;
}

/** One segment; the first editable one carries the field's id, so labels and the error summary land on it. */
function Segment({ segment, name, focusRef }: { segment: DateSegmentProps['segment']; name: string; focusRef: Ref<HTMLSpanElement> }) {
  const state = useDateFieldState();
  const first = segment === state.segments.find((s) => s.isEditable);
  // DateSegment's types leave out `id`, but it passes one on and merges it with its own (react-aria's mergeIds).
  const id = (first ? { id: fieldId(name) } : {}) as Partial<DateSegmentProps>;
  return <DateSegment segment={segment} className="date-segment" {...id} ref={first ? focusRef : undefined} />;
}

export function DateField({ name, label, hint, width = 'medium' }: DateFieldProps) {
  const { control, formState, getFieldState, setError } = useFormContext();
  const { field } = useController({ name, control });
  const { error } = getFieldState(name, formState);
  const value: unknown = field.value;
  const incomplete = isIncompleteDate(value) ? incompleteDateMessage(value, typeof label === 'string' ? label : undefined) : undefined;
  const message = error ? (incomplete ?? (typeof error.message === 'string' ? error.message : undefined)) : undefined;

  // The schema refuses an incomplete date in its own words; say what is missing instead, before the summary is painted.
  useLayoutEffect(() => {
    if (error && incomplete && error.message !== incomplete) setError(name, { type: 'incomplete', message: incomplete });
  }, [error, incomplete, name, setError]);

  // The segments are react-aria's own state from here on: it keeps a half-typed date that no value could describe.
  const [initial] = useState(() => calendarDateOf(typeof value === 'string' ? value : ''));

  return (
    <I18nProvider locale="en-GB">
      <AriaDateField
        className={`field${message ? ' field--invalid' : ''}`}
        defaultValue={initial}
        granularity="day"
        shouldForceLeadingZeros
        validationBehavior="aria"
        isInvalid={!!message}
        aria-describedby={describedBy(name, !!hint, !!message)}
        onBlur={field.onBlur}
      >
        <Label className="field-label">{label}</Label>
        {hint ? (
          <p className="field-hint" id={hintId(name)}>
            {hint}
          </p>
        ) : null}
        <FieldError name={name} message={message} />
        <DateInput className={`input date-input input--${width}`}>
          {(segment) => <Segment segment={segment} name={name} focusRef={field.ref} />}
        </DateInput>
        <FormSync name={name} formValue={value} onChange={field.onChange} />
      </AriaDateField>
    </I18nProvider>
  );
}
