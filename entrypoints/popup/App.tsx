export function App() {
  return <main><h1>Tessera</h1><p>No accounts yet.</p></main>;
}
