// The course compiled at build time (compiled-course-plugin.ts), as JSON for parseCompiledCourse.
declare module 'virtual:compiled-course' {
	const json: string;
	export default json;
}
