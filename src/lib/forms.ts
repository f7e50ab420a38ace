/** After a refused form post: what was typed stays, except passwords, which are never kept. */
export function clearPasswordFields(form: HTMLFormElement): void {
	for (const input of form.querySelectorAll<HTMLInputElement>('input[type=password]')) input.value = '';
}
