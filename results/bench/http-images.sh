#!/usr/bin/env bash
# Sourced by bench http and http-profile.sh: the loads they post (the JVM options are lib.sh's
# container_java_opts, the Dockerfile's).

# bench_images jpeg|mix: sets the array `images` to the files wrk posts, made on first use:
#   jpeg  the 640x480 JPEG alone (the image set's 640x480, written once by Pillow at quality 75)
#   mix   the image set up to 1920x1080 in turn (the study's mix without what its client could not send)
bench_images() {
  study_images
  images=()
  case $1 in
    jpeg)
      local jpeg=results/runs/images/http/640x480-jpeg.jpg
      if [[ ! -s $jpeg ]]; then
        mkdir -p "$(dirname "$jpeg")"
        /usr/bin/python3 -c 'import sys; from PIL import Image; Image.open(sys.argv[1]).convert("RGB").save(sys.argv[2], quality=75)' \
          results/runs/images/640x480-png.png "$jpeg"
      fi
      images=("$PWD/$jpeg")
      ;;
    mix)
      local f
      for f in results/runs/images/*; do
        case $(basename "$f") in
          025x025*|064x064*|150x150*|320x240*|640x480*|800x600*|1024x768*|1280x720*|1920x1080*) images+=("$PWD/$f") ;;
        esac
      done
      ;;
    *) die "the load is jpeg (the 640x480 JPEG) or mix (the image set up to 1920x1080), not '$1'" ;;
  esac
}
