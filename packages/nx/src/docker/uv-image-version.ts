/** The official uv image the generated Dockerfiles copy uv from (`UV_IMAGE`), pinned. */
export const UV_IMAGE_VERSION = '0.13.8';
