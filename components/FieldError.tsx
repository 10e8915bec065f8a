export function FieldError({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <p class="field-error" id={id} role="alert">
      {message}
    </p>
  );
}
